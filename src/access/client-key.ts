/**
 * Who a request comes from, for budgets counted per client (the rate limit, heavy fields at once):
 * the authenticated principal when the request proves one, else the client's address. A header
 * the service does not verify never picks the bucket: otherwise a caller sending a new junk
 * `authorization` header each time would get a fresh budget each time.
 *
 *   clientKeyOf(request, socketAddress, security)   // "key:ci-bot", "jwt:alice" or "ip:203.0.113.7"
 *
 * JWTs are verified here only when signed with the shared secret (HS256/384/512, cheap and local);
 * with a JWKS the caller is counted by address. Behind a proxy, X-Forwarded-For is believed only
 * when the peer is one of TRUSTED_PROXIES: the client is the right-most address not a trusted proxy.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { SecurityConfig } from '../config.ts';
import { findApiKey } from './api-keys.ts';

const HMAC: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** The subject of a JWT signed with `secret`, valid now; undefined otherwise. */
export function verifiedSubject(token: string, secret: string, maxAgeSeconds: number): string | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (!header || !payload || signature === undefined || rest.length > 0) return undefined;
  try {
    const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    const hash = typeof alg === 'string' ? HMAC[alg] : undefined;
    if (!hash) return undefined;
    const expected = createHmac(hash, secret).update(`${header}.${payload}`).digest();
    const sent = Buffer.from(signature, 'base64url');
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = Date.now() / 1000;
    if (typeof claims.exp === 'number' && claims.exp < now) return undefined;
    if (typeof claims.nbf === 'number' && claims.nbf > now + 5) return undefined;
    // As the access check does: a token older than MAILLAGE_JWT_MAX_AGE (by iat) is refused.
    if (!(typeof claims.iat === 'number' && now - claims.iat <= maxAgeSeconds)) return undefined;
    return typeof claims.sub === 'string' ? claims.sub.slice(0, 200) : 'jwt';
  } catch {
    return undefined;
  }
}

/** The client's address: the socket peer, or what a trusted proxy says it forwarded for. */
export function clientAddress(request: Request, socketAddress: string | undefined, trustedProxies: readonly string[]): string {
  const peer = normalise(socketAddress ?? 'local');
  if (!trustedProxies.includes(peer)) return peer;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => normalise(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    if (!trustedProxies.includes(hops[i]!)) return hops[i]!;
  }
  return peer;
}

/** IPv4 peers of a dual-stack socket come as ::ffff:a.b.c.d. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function clientKeyOf(request: Request, socketAddress: string | undefined, security: SecurityConfig): string {
  const key = request.headers.get('x-api-key');
  if (key) {
    const principal = findApiKey(security.apiKeys, key);
    if (principal) return `key:${principal.subject}`;
  }
  const secret = security.jwt?.secret;
  const bearer = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (secret && bearer) {
    const subject = verifiedSubject(bearer, secret, security.jwt?.maxAgeSeconds ?? 86_400);
    if (subject) return `jwt:${subject}`;
  }
  return `ip:${clientAddress(request, socketAddress, security.trustedProxies)}`;
}
