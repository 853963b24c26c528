/**
 * API keys, kept only as SHA-256 hashes and compared in constant time.
 *
 *   const keys = parseApiKeys('ci-bot:editor:9f86d08...');   // from MAILLAGE_API_KEYS
 *   findApiKey(keys, 'the-secret-key')                      // { subject: 'ci-bot', role: 'editor', via: 'api-key' } or null
 *   newApiKey('ci-bot', 'editor')                           // { key, entry } to hand out / to configure
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Principal, type Role, isRole } from './roles.ts';

export interface ApiKeyEntry {
  name: string;
  role: Role;
  hash: Buffer;
}

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** `name:role:sha256hex` entries, comma-separated. Throws with the faulty entry named. */
export function parseApiKeys(value: string | undefined): ApiKeyEntry[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, index) => {
      const [name, role, hex, ...rest] = entry.split(':');
      if (!name || !isRole(role) || !hex || !/^[0-9a-f]{64}$/i.test(hex) || rest.length > 0) {
        throw new Error(
          `entry ${index + 1} ("${entry.slice(0, 40)}") must be name:role:sha256hex with role reader, editor or admin`,
        );
      }
      return { name, role, hash: Buffer.from(hex, 'hex') };
    });
}

export function findApiKey(entries: readonly ApiKeyEntry[], presented: string): Principal | null {
  const hash = hashKey(presented);
  let found: ApiKeyEntry | null = null;
  // Compare against every entry, so timing does not tell which (or whether one) matched.
  for (const entry of entries) {
    if (timingSafeEqual(entry.hash, hash) && !found) found = entry;
  }
  return found ? { subject: found.name, role: found.role, via: 'api-key' } : null;
}

export function newApiKey(name: string, role: Role): { key: string; entry: string } {
  const key = randomBytes(24).toString('base64url');
  return { key, entry: `${name}:${role}:${hashKey(key).toString('hex')}` };
}
