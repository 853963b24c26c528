/**
 * PERSISTED_OPERATIONS_FILE: a JSON object mapping each hash to its GraphQL document. Read and
 * checked at start-up, before Neo4j starts, so a bad file is reported at once, by name.
 *
 *   const store = readPersistedOperations('ops.json');   // Map { 'abc123' => '{ __typename }' }
 *   store.get('__proto__')                                // undefined: a Map has no prototype keys
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.ts';

export function readPersistedOperations(file: string): Map<string, string> {
  const problem = (why: string) => new ConfigError([`PERSISTED_OPERATIONS_FILE=${JSON.stringify(file)}: ${why}`]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw problem(
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'not readable by this user' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw problem(`is not valid JSON (${(err as Error).message.replace(/, ".*$/s, '')})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw problem('must be a JSON object mapping each hash to its GraphQL document');
  }
  const store = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw problem(`the value of "${hash.slice(0, 80)}" must be a GraphQL document (a string)`);
    store.set(hash, document);
  }
  return store;
}
