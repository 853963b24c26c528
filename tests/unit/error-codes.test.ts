// One ErrorCode type, every code documented, one classifier of Neo4j failures.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { ERROR_CODES } from '../../src/domain/errors.ts';
import { neo4jFailure } from '../../src/neo4j/errors.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'generated' ? [] : sources(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

describe('error codes', () => {
  it('every code is documented in docs/api.md, in its Errors section', () => {
    const api = readFileSync(path.join(projectRoot, 'docs', 'api.md'), 'utf8');
    const section = api.slice(api.indexOf('## Errors'));
    const missing = ERROR_CODES.filter((code) => !section.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('every code written in src/ is one of ErrorCode', () => {
    const written = new Set<string>();
    const pattern = /(?:code: |clientError\(|errorBody\(|super\()'([A-Z][A-Z_]+)'/g;
    for (const file of sources(path.join(projectRoot, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) written.add(match[1]!);
    }
    expect(written.size).toBeGreaterThan(5);
    expect([...written].filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});

describe('neo4jFailure: one classifier for the gate, the budgets and the GraphQL mapping', () => {
  const error = (message: string, code: string) => new Neo4jError(message, code, 'N/A', 'N/A');

  it('an unreachable database', () => {
    expect(neo4jFailure(error('Could not perform discovery', 'ServiceUnavailable'))).toBe('unavailable');
    expect(neo4jFailure(error('connect ECONNREFUSED 127.0.0.1:7690', 'N/A'))).toBe('unavailable');
    expect(neo4jFailure(error('x', 'Neo.TransientError.General.DatabaseUnavailable'))).toBe('unavailable');
  });

  it('a transaction out of its time budget', () => {
    expect(neo4jFailure(error('x', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'))).toBe('timeout');
    expect(neo4jFailure(error('The transaction has been terminated.', 'Neo.TransientError.Transaction.Terminated'))).toBe('timeout');
  });

  it('a transaction over the memory Neo4j allows one query (a too big question, not an outage)', () => {
    const message =
      'The allocation of an extra 7.2 MiB would use more than the limit 1.4 GiB. Currently using 1.4 GiB. dbms.memory.transaction.total.max threshold reached';
    expect(neo4jFailure(error(message, 'Neo.TransientError.General.MemoryPoolOutOfMemoryError'))).toBe('memory');
    expect(neo4jFailure(error(message, 'N/A'))).toBe('memory');
  });

  it('anything else', () => {
    expect(neo4jFailure(error('Invalid input', 'Neo.ClientError.Statement.SyntaxError'))).toBeUndefined();
    expect(neo4jFailure(new Error('timed out'))).toBeUndefined();
  });
});
