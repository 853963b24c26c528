/**
 * The start store's key covers the code that seeds, and its transaction log keeps what was written.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { copyStartStore, importClosure, startStoreInputs, startStoreKey, trimTrailingZeros } from '../../src/seed/start-store.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-start-store-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the start store key', () => {
  it('hashes every file the seeding and the migrations import, and the start sets, not the GraphQL layer', () => {
    const files = startStoreInputs().files.map((f) => path.relative(projectRoot, f));
    for (const needed of [
      'src/seed/on-start.ts',
      'src/seed/load.ts',
      'src/seed/queries.ts',
      'src/seed/geography.ts',
      'src/seed/search-fields.ts',
      'src/territories/stored-presence.ts',
      'src/neo4j/migrations.ts',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.some((f) => f.startsWith('seeds/article/'))).toBe(true);
    expect(files.some((f) => f.startsWith('seeds/framework/'))).toBe(true);
    expect(files).not.toContain('src/graphql/server.ts');
    expect(startStoreInputs().versions.join(' ')).toMatch(/neo4j 5\.\d+\.\d+ .*decoupage-administratif \d/);
  });

  it('follows imports of imports, static and dynamic', () => {
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.ts';\nconst c = await import('./c.ts');\n");
    writeFileSync(path.join(dir, 'b.ts'), "export { d } from './d.ts';\n");
    writeFileSync(path.join(dir, 'c.ts'), 'export const c = 1;\n');
    writeFileSync(path.join(dir, 'd.ts'), "import type { X } from './a.ts';\n");
    expect(importClosure([path.join(dir, 'a.ts')]).map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts', 'c.ts', 'd.ts']);
  });

  it('is the same from one call to the next', () => {
    expect(startStoreKey()).toMatch(/^[0-9a-f]{16}$/);
    expect(startStoreKey()).toBe(startStoreKey());
  });
});

describe("trimming a transaction log's preallocated zeros", () => {
  it('keeps every written byte, rounded up to whole 8 kB pages, and one page of zeros', () => {
    const file = path.join(dir, 'log');
    const content = Buffer.alloc(3 << 20);
    content.fill(7, 0, 20_000);
    content[1_500_000] = 1; // a zero run inside the written part is kept
    writeFileSync(file, content);
    expect(trimTrailingZeros(file)).toBe(1_515_520);
    expect(statSync(file).size).toBe(1_515_520);
  });

  it('keeps one page of a log that holds nothing, and never grows a file', () => {
    const file = path.join(dir, 'empty');
    writeFileSync(file, Buffer.alloc(100_000));
    expect(trimTrailingZeros(file)).toBe(8192);
    writeFileSync(file, Buffer.alloc(1000, 1));
    expect(trimTrailingZeros(file)).toBe(1000);
  });
});

describe('copying the start store into a new data folder', () => {
  const store = path.join(dir, 'store');
  mkdirSync(path.join(store, 'databases', 'neo4j', 'schema'), { recursive: true });
  mkdirSync(path.join(store, 'transactions', 'neo4j'), { recursive: true });
  writeFileSync(path.join(store, 'databases', 'neo4j', 'neostore'), 'store');
  writeFileSync(path.join(store, 'databases', 'neo4j', 'schema', 'index'), 'index');
  writeFileSync(path.join(store, 'transactions', 'neo4j', 'neostore.transaction.db.0'), 'log');

  it('puts both folders in place, with nothing left under a temporary name', () => {
    const dataDir = path.join(dir, 'new-folder');
    const lines: string[] = [];
    expect(copyStartStore(dataDir, (line) => lines.push(line), store)).toBe(true);
    expect(readFileSync(path.join(dataDir, 'data', 'databases', 'neo4j', 'schema', 'index'), 'utf8')).toBe('index');
    expect(readFileSync(path.join(dataDir, 'data', 'transactions', 'neo4j', 'neostore.transaction.db.0'), 'utf8')).toBe('log');
    expect(readdirSync(path.join(dataDir, 'data', 'databases'))).toEqual(['neo4j']);
    expect(lines.join('\n')).toMatch(/copied the start store/);
  });

  it('leaves nothing half-copied when it cannot copy, and says so', () => {
    const dataDir = path.join(dir, 'blocked-folder');
    mkdirSync(path.join(dataDir, 'data', 'transactions'), { recursive: true });
    writeFileSync(path.join(dataDir, 'data', 'databases'), 'a file where a folder is needed');
    const lines: [string, string | undefined][] = [];
    expect(copyStartStore(dataDir, (line, level) => lines.push([line, level]), store)).toBe(false);
    expect(existsSync(path.join(dataDir, 'data', 'transactions', 'neo4j'))).toBe(false);
    expect(readdirSync(path.join(dataDir, 'data', 'transactions'))).toEqual([]);
    expect(lines).toEqual([[expect.stringMatching(/could not copy the start store .*seeding through Cypher instead/), 'warn']]);
  });

  it('does nothing without a store', () => {
    expect(copyStartStore(path.join(dir, 'other'), () => undefined, path.join(dir, 'no-store'))).toBe(false);
    expect(existsSync(path.join(dir, 'other'))).toBe(false);
  });
});
