/**
 * A seed file uploaded to the running service (GraphQL multipart request): the same checks as the
 * command line, a dry-run preview, then the confirmed import; editors only.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const p = uniquePrefix('upload');
const hash = (key: string) => createHash('sha256').update(key).digest('hex');
const config = loadConfig({ MAILLAGE_API_KEYS: `ed:editor:${hash('editor-key')},rd:reader:${hash('reader-key')}` });
const server = createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await db.close();
});

const IMPORT = `mutation($file: File!, $dryRun: Boolean!) { importFile(file: $file, dryRun: $dryRun) {
  dryRun ok problemCount problems { where message line column } warnings { where message line column } nodes { key created updated unchanged } relationships { key created } } }`;

async function upload(name: string, content: string, dryRun: boolean, key: string, signal?: AbortSignal) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: IMPORT, variables: { file: null, dryRun } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new File([content], name, { type: 'text/csv' }));
  const res = await server.fetch('http://maillage.test/graphql', { method: 'POST', body: form, headers: { 'x-api-key': key }, ...(signal ? { signal } : {}) });
  return (await res.json()) as { data?: { importFile: Record<string, unknown> } | null; errors?: { extensions?: { code?: string } }[] };
}

const good = `identifiant;nature;nom\n${p}:a;COMPANY;Alpha\n${p}:b;CLUSTER;Bêta\n`;

describe('importFile (GraphQL multipart upload)', () => {
  it('refused for a reader key', async () => {
    const res = await upload('acteurs.csv', good, true, 'reader-key');
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('every problem with its line; nothing written', async () => {
    const res = await upload('acteurs.csv', `id;kind;name\n${p}:x;PME;X\n${p}:y;COMPANY;\n`, false, 'editor-key');
    expect(res.data?.importFile).toMatchObject({
      ok: false,
      problemCount: 2,
      problems: [
        { where: 'acteurs.csv:2', message: expect.stringMatching(/^column kind: expected one of .*, got "PME"$/), line: 2, column: 'kind' },
        { where: 'acteurs.csv:3', message: 'expected a value in column name', line: 3, column: 'name' },
      ],
    });
    expect(await db.read('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n', { p })).toEqual([]);
  });

  it('a dry-run preview of what would change, then the confirmed import', async () => {
    const preview = await upload('acteurs.csv', good, true, 'editor-key');
    expect(preview.data?.importFile).toMatchObject({
      dryRun: true,
      ok: true,
      nodes: [
        { key: 'Actor:Cluster', created: 1, updated: 0, unchanged: 0 },
        { key: 'Actor:Company', created: 1, updated: 0, unchanged: 0 },
      ],
    });
    expect(await db.read('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n', { p })).toEqual([]);
    const done = await upload('acteurs.csv', good, false, 'editor-key');
    expect(done.data?.importFile).toMatchObject({ dryRun: false, ok: true, nodes: preview.data?.importFile.nodes });
    const rows = await db.read<{ name: string }>('MATCH (n:Actor) WHERE n.id STARTS WITH $p RETURN n.name AS name ORDER BY name', { p });
    expect(rows).toEqual([{ name: 'Alpha' }, { name: 'Bêta' }]);
  });

  it('a confirmed import runs to its end even when its client hangs up: stopping between batches would leave it half-written', async () => {
    await db.write(`CREATE (:Entity:Actor:Company {id: $id, name: 'Avant', kind: 'COMPANY', source: 'test'})`, { id: `${p}:held` });
    // Another transaction holds the actor: the import waits for it inside Neo4j.
    const holder = db.driver.session({ database: db.database });
    const lock = await holder.beginTransaction();
    await lock.run('MATCH (a:Entity {id: $id}) SET a.heldByTest = true', { id: `${p}:held` });
    try {
      const left = new AbortController();
      const sent = upload('acteurs.csv', `id;kind;name\n${p}:held;COMPANY;Après\n${p}:later;COMPANY;Ensuite\n`, false, 'editor-key', left.signal);
      sent.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 800));
      left.abort();
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await lock.rollback();
      await holder.close();
    }
    const deadline = Date.now() + 20_000;
    const names = async () => (await db.read<{ name: string }>('MATCH (n:Actor) WHERE n.id IN $ids RETURN n.name AS name ORDER BY name', { ids: [`${p}:held`, `${p}:later`] })).map((r) => r.name);
    while (Date.now() < deadline && (await names()).join() !== 'Après,Ensuite') await new Promise((r) => setTimeout(r, 200));
    expect(await names()).toEqual(['Après', 'Ensuite']);
  }, 60_000);
});
