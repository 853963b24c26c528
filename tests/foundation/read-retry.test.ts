/**
 * Reads are auto-commit queries, which the driver does not retry: src/neo4j/database.ts retries
 * transient errors itself. Faults are injected into the real driver's first session.run calls; the
 * query then runs against the real Neo4j.
 */
import { Neo4jError } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/harness.ts';

const db = testDatabase();
afterAll(() => db.close());

/** The next `failures` session.run calls throw `error`; returns how many runs were attempted. */
function injectFailures(error: Error, failures: number): () => number {
  let attempts = 0;
  const openSession = db.driver.session.bind(db.driver);
  db.driver.session = ((...args: Parameters<typeof openSession>) => {
    const session = openSession(...args);
    const run = session.run.bind(session);
    session.run = ((...runArgs: Parameters<typeof run>) => {
      attempts += 1;
      if (attempts <= failures) throw error;
      return run(...runArgs);
    }) as typeof run;
    return session;
  }) as typeof openSession;
  return () => attempts;
}

describe('reads', () => {
  it('are retried after a transient error, and answer', async () => {
    const attempts = injectFailures(new Neo4jError('injected deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', 'N/A', 'N/A'), 1);
    const started = performance.now();
    expect(await db.read<{ one: number }>('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    expect(attempts()).toBe(2);
    // The back-off (about 1 s) came before the second attempt.
    expect(performance.now() - started).toBeGreaterThan(700);
  });

  it('are not retried after an error in the query itself', async () => {
    const attempts = injectFailures(new Neo4jError('injected syntax error', 'Neo.ClientError.Statement.SyntaxError', 'N/A', 'N/A'), 1);
    await expect(db.read('RETURN 1 AS one')).rejects.toThrow('injected syntax error');
    expect(attempts()).toBe(1);
  });
});
