/**
 * A caller who leaves before the answer (a closed tab, a client's time-out, a hostile caller who
 * sends heavy questions and hangs up) must not keep Neo4j working for nobody: the request's queries
 * are stopped in Neo4j, a write among them rolled back, and the operation is counted as
 * CLIENT_CLOSED_REQUEST.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientClosedRequestError } from '../../src/domain/errors.ts';
import { versionedCache } from '../../src/neo4j/versioned-cache.ts';
import { longRead, uniquePrefix, testDatabase } from '../support/harness.ts';
import { createActors, createTerritories, removeAll, serverWithKeys } from '../api/support.ts';

const db = testDatabase();
const p = uniquePrefix('gone');
const { server, editor } = serverWithKeys(db);
let http: Server;
let url: string;

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [{ id: `${p}-sme`, name: 'Ancien nom', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` }]);
  http = createServer(server);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await removeAll(db, p);
  await db.close();
});

async function runningWith(marker: string): Promise<number> {
  const rows = await db.read<{ n: number }>(
    'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker AND NOT currentQuery STARTS WITH "SHOW" RETURN count(*) AS n',
    { marker },
  );
  return rows[0]?.n ?? 0;
}

async function closedRequests(): Promise<number> {
  const text = await (await server.fetch('http://maillage.test/metrics')).text();
  return Number(/^maillage_graphql_errors_total\{code="CLIENT_CLOSED_REQUEST"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('a request whose caller has left', () => {
  it('stops its read in Neo4j at once', async () => {
    const marker = `${p}-read`;
    const controller = new AbortController();
    const read = db.read(longRead(marker), {}, { signal: controller.signal });
    read.catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await runningWith(marker)) === 0) await new Promise((r) => setTimeout(r, 50));
    expect(await runningWith(marker)).toBe(1);

    const left = performance.now();
    controller.abort();
    await expect(read).rejects.toBeInstanceOf(ClientClosedRequestError);
    expect(performance.now() - left).toBeLessThan(3_000);
    expect(await runningWith(marker)).toBe(0);
  }, 60_000);

  it('sends nothing when the caller had already left', async () => {
    let sent = 0;
    const read = db.read('RETURN 1 AS one', {}, { signal: AbortSignal.abort(), observer: () => (sent += 1) });
    await expect(read).rejects.toBeInstanceOf(ClientClosedRequestError);
    expect(sent).toBe(0);
  });

  it('over HTTP: a write waiting for a lock is rolled back when its client hangs up, and counted', async () => {
    const id = `${p}-sme`;
    const before = await closedRequests();
    // Another transaction holds the actor: the mutation below waits for it inside Neo4j.
    const holder = db.driver.session({ database: db.database });
    const lock = await holder.beginTransaction();
    await lock.run('MATCH (a:Entity {id: $id}) SET a.heldByTest = true', { id });
    try {
      const sent = fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...editor },
        body: JSON.stringify({
          query: 'mutation($input: [ActorInput!]!) { upsertActors(input: $input) { id name } }',
          variables: { input: [{ id, name: 'Nouveau nom', kind: 'COMPANY' }] },
        }),
        signal: AbortSignal.timeout(1_000),
      });
      await expect(sent).rejects.toThrow();
      // The service noticed while the lock is still held: the write no longer waits for it.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await closedRequests()) === before) await new Promise((r) => setTimeout(r, 100));
      expect(await closedRequests()).toBe(before + 1);
    } finally {
      await lock.rollback();
      await holder.close();
    }
    // Had it only been waiting, it would commit now that the lock is gone.
    await new Promise((r) => setTimeout(r, 500));
    const [row] = await db.read<{ name: string }>('MATCH (a:Entity {id: $id}) RETURN a.name AS name', { id });
    expect(row?.name).toBe('Ancien nom');
  }, 60_000);

  it('a computation shared by identical requests (shape, graph, report) goes on while one of them waits, and stops when none does', async () => {
    // The cache keys its entries under the data version: make sure there is one.
    await db.write('MATCH (a:Entity {id: $id}) SET a.touched = true', { id: `${p}-sme` });
    const cached = versionedCache(4);
    const callers = () => {
      const controller = new AbortController();
      return { controller, db: db.scoped({ signal: controller.signal }) };
    };

    // One leaves, the other still gets the answer.
    const [a, b] = [callers(), callers()];
    let computed = 0;
    const compute = async (shared: typeof db) => {
      computed += 1;
      await new Promise((r) => setTimeout(r, 500));
      return (await shared.read<{ one: number }>('RETURN 1 AS one'))[0]!.one;
    };
    const first = cached(a.db, 'shared-answer', compute);
    first.catch(() => undefined);
    const second = cached(b.db, 'shared-answer', compute);
    await new Promise((r) => setTimeout(r, 100));
    a.controller.abort();
    expect(await second).toBe(1);
    expect(computed).toBe(1);

    // Both leave: the shared query stops in Neo4j.
    const marker = `${p}-shared`;
    const [c, d] = [callers(), callers()];
    const heavy = (shared: typeof db) => shared.read(longRead(marker));
    const third = cached(c.db, 'shared-heavy', heavy);
    const fourth = cached(d.db, 'shared-heavy', heavy);
    third.catch(() => undefined);
    fourth.catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await runningWith(marker)) === 0) await new Promise((r) => setTimeout(r, 50));
    c.controller.abort();
    await new Promise((r) => setTimeout(r, 500));
    expect(await runningWith(marker)).toBe(1);
    d.controller.abort();
    await expect(fourth).rejects.toBeInstanceOf(ClientClosedRequestError);
    await expect(third).rejects.toBeInstanceOf(ClientClosedRequestError);
    expect(await runningWith(marker)).toBe(0);

    // Work that came to its end after its callers left (nothing left to stop) is kept for the next.
    const e = callers();
    let late = 0;
    const slow = async () => {
      late += 1;
      await new Promise((r) => setTimeout(r, 300));
      return 42;
    };
    const fifth = cached(e.db, 'came-late', slow);
    await new Promise((r) => setTimeout(r, 50));
    e.controller.abort();
    expect(await fifth).toBe(42);
    expect(await cached(callers().db, 'came-late', slow)).toBe(42);
    expect(late).toBe(1);
  }, 60_000);
});
