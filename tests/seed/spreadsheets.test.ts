/**
 * Spreadsheets as French users make them (issue #17, "What was seen"): semicolon-separated,
 * Windows-1252, French column names, "1 200", oui/non, communes by name or postal code; and what a
 * seed folder must refuse (#14: symbolic links, files above the size cap).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource, seedsDir } from '../../src/seed/builtin.ts';
import { arraySource } from '../../src/seed/format.ts';
import { seed } from '../../src/seed/load.ts';
import { type ReadOptions, readSeedPath } from '../../src/seed/read-files.ts';
import { SeedValidationError } from '../../src/seed/validate.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const p = uniquePrefix('sheet');
const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-sheets-'));

/** The communes these tests place actors in, as the geography seed would name them. */
const COMMUNES = [
  ['80021', 'Amiens'],
  ['02691', 'Saint-Quentin'],
  ['80016', 'Albert'],
  ['93048', 'Montreuil'],
];

beforeAll(async () => {
  await seed(db, resolveSource('framework'));
  await seed(
    db,
    arraySource('test-communes', {
      nodes: COMMUNES.map(([code, name]) => ({
        id: `commune:${code}`,
        labels: ['Territory', 'Commune'],
        properties: {},
        defaults: { name: name ?? '', code: code ?? '' },
        origin: `commune ${code}`,
      })),
    }),
  );
}, 120_000);

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p OR n.id STARTS WITH $a DETACH DELETE n', { p, a: `answer:${p}` });
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
/** A file (or a folder of files) in the temp folder; strings are written as UTF-8, buffers as they are. */
function write(files: Record<string, string | Buffer>): string {
  const folder = path.join(dir, `case-${(fileCount += 1)}`);
  mkdirSync(folder);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(folder, name), content);
  return folder;
}

async function problemsOf(target: string, options: ReadOptions = {}): Promise<{ where: string; message: string }[]> {
  try {
    await seed(db, readSeedPath(target, undefined, options), { dryRun: true });
  } catch (err) {
    if (err instanceof SeedValidationError) return err.problems.map((x) => ({ where: path.basename(x.where), message: x.message }));
    throw err;
  }
  throw new Error(`${target} was accepted`);
}

async function actor(id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db.read<{ a: Record<string, unknown>; commune: string | null }>(
    'MATCH (a:Actor {id: $id}) OPTIONAL MATCH (a)-[:LOCATED_IN]->(c:Commune) RETURN properties(a) AS a, c.id AS commune',
    { id },
  );
  return row ? { ...row.a, commune: row.commune } : undefined;
}

describe('CSV as French Excel writes it', () => {
  it('semicolon-separated, Windows-1252, French headers, "1 200", oui/non: imported as meant', async () => {
    const csv =
      'identifiant;nature;nom;commune;effectif;secteur;innove;exporte\r\n' +
      `${p}:forge;COMPANY;Forges de l'Équerre;80021;1 200;Métallurgie;oui;non\r\n` +
      `${p}:bois;COMPANY;Scierie Hébert;02691;35;Bois;Non;OUI\r\n`;
    const folder = write({ 'acteurs.csv': latin1(csv) });
    const report = await seed(db, readSeedPath(folder));
    expect(report.warnings).toEqual([]);
    expect(await actor(`${p}:forge`)).toMatchObject({
      name: "Forges de l'Équerre",
      kind: 'COMPANY',
      employees: 1200,
      sector: 'Métallurgie',
      innovates: true,
      exports: false,
      commune: 'commune:80021',
    });
    expect(await actor(`${p}:bois`)).toMatchObject({ name: 'Scierie Hébert', innovates: false, exports: true, commune: 'commune:02691' });
  });

  it('a UTF-8 file with a BOM and decimal commas in a semicolon file', async () => {
    const folder = write({
      'actors.csv': `\ufeffid;kind;name\n${p}:a1;COMPANY;Équipe A\n${p}:a2;UNIVERSITY;Université B\n`,
      'links.csv': `type;from;to;weight\nCOLLABORATES_WITH;${p}:a1;${p}:a2;0,75\n`,
    });
    await seed(db, readSeedPath(folder));
    expect(await actor(`${p}:a1`)).toMatchObject({ name: 'Équipe A' });
    const [link] = await db.read<{ weight: number }>('MATCH (:Actor {id: $a})-[r:COLLABORATES_WITH]->() RETURN r.weight AS weight', { a: `${p}:a1` });
    expect(link).toEqual({ weight: 0.75 });
  });

  it('a separator forced wrong (--delimiter): the message says the header is one column and names the separator', async () => {
    const folder = write({ 'actors.csv': `id;kind;name;commune\n${p}:x;COMPANY;X;80021\n` });
    const problems = await problemsOf(folder, { delimiter: ',' });
    expect(problems).toEqual([
      {
        where: 'actors.csv:1',
        message: expect.stringMatching(/got id;kind;name;commune\. The header is one single column: is the separator right\? \(given: comma; --delimiter sets it\)/),
      },
    ]);
  });

  it('--encoding windows-1252 given: read as such even when the bytes would pass as UTF-8', async () => {
    // "Ã©" in Windows-1252 is what UTF-8 "é" looks like: the caller said Windows-1252, so it is kept.
    const folder = write({ 'actors.csv': Buffer.from(`id,kind,name\n${p}:enc,COMPANY,Caf\u00c3\u00a9\n`, 'latin1') });
    await seed(db, readSeedPath(folder, undefined, { encoding: 'windows-1252' }));
    expect(await actor(`${p}:enc`)).toMatchObject({ name: 'Caf\u00c3\u00a9' });
  });

  it('misnamed columns: effectif and secteur understood, the typo "employee" warned with "did you mean"', async () => {
    const folder = write({ 'actors.csv': `id,kind,name,effectif,secteur,employee\n${p}:m,COMPANY,M,12,Textile,13\n` });
    const report = await seed(db, readSeedPath(folder), { dryRun: true });
    expect(report.warnings).toEqual([
      {
        where: expect.stringMatching(/actors\.csv:1$/),
        message: expect.stringMatching(/^unknown column "employee" \(did you mean employees \/ effectif\?\): imported as the property employee; known columns of actors: /),
      },
    ]);
  });

  it('the same column twice (commune and ville) is refused', async () => {
    const folder = write({ 'actors.csv': `id,kind,name,commune,ville\n${p}:d,COMPANY,D,80021,Amiens\n` });
    expect(await problemsOf(folder)).toEqual([{ where: 'actors.csv:1', message: 'columns "commune" and "ville" both mean commune; expected one of them' }]);
  });

  it('a number that is not one: the precise message stays', async () => {
    const folder = write({ 'actors.csv': `id,kind,name,employees\n${p}:n,COMPANY,N,douze\n` });
    expect(await problemsOf(folder)).toEqual([{ where: 'actors.csv:2', message: 'column employees: expected a whole number, got "douze"' }]);
  });
});

describe('what was already right, kept (issue #17 "Good, keep it")', () => {
  it('duplicate id, kind PME, a priority of 6: each a precise message with file and line; nothing written', async () => {
    const folder = write({
      'acteurs.csv': `\uFEFFidentifiant;nature;nom\r\n${p}:k1;COMPANY;Une\r\n${p}:k1;COMPANY;Une bis\r\n${p}:k2;PME;Deux\r\n`,
      'reponses.csv': `reponse;entreprise;competence;priorite\r\n${p}-k1;${p}:k1;competency:ideation;6\r\n`,
    });
    expect(await problemsOf(folder)).toEqual([
      { where: 'acteurs.csv:4', message: expect.stringMatching(/^column kind: expected one of .*COMPANY.*, got "PME"$/) },
      { where: 'reponses.csv:2', message: 'column priority: expected a whole number from 1 to 5, got "6"' },
      { where: 'acteurs.csv:3', message: expect.stringMatching(new RegExp(`^id "${p}:k1" is defined twice \\(first at .*acteurs\\.csv:2\\); expected each node once$`)) },
    ]);
    expect(await actor(`${p}:k1`)).toBeUndefined();
  });

  it('a reversed relationship (a commune located in an actor): says which way it goes, with file and line; nothing written', async () => {
    const folder = write({
      'acteurs.csv': `identifiant;nature;nom\r\n${p}:r1;COMPANY;PME R\r\n${p}:r2;CLUSTER;Pôle R\r\n`,
      'liens.csv': `type;de;vers\r\nLOCATED_IN;commune:80021;${p}:r1\r\n`,
    });
    expect(await problemsOf(folder)).toEqual([{ where: 'liens.csv:2', message: 'LOCATED_IN: from must be a Actor (has Territory, Commune); to must be a Commune (has Actor, Company)' }]);
    expect(await actor(`${p}:r1`)).toBeUndefined();
  });

  it('wrong required columns: says which table it looks like and which column is missing, in French too', async () => {
    const folder = write({ 'acteurs.csv': `identifiant;nom;commune\r\n${p}:w;W;80021\r\n` });
    expect(await problemsOf(folder)).toEqual([
      { where: 'acteurs.csv:1', message: expect.stringMatching(/^looks like a table of actors but has no column kind \(nature\)\. Expected a header with the columns id, kind, name/) },
    ]);
  });
});

describe('communes as people write them', () => {
  const place = async (commune: string, extra = '') => {
    const id = `${p}:place-${(fileCount += 1)}`;
    const folder = write({ 'actors.csv': `id,kind,name,commune${extra ? ',departement' : ''}\n${id},COMPANY,P,"${commune}"${extra ? `,${extra}` : ''}\n` });
    await seed(db, readSeedPath(folder));
    return (await actor(id))?.commune;
  };

  it('by name, by postal code, by INSEE code with its leading zero lost', async () => {
    expect(await place('Amiens')).toBe('commune:80021');
    expect(await place('80000')).toBe('commune:80021');
    expect(await place('2691')).toBe('commune:02691');
    expect(await place('Saint-Quentin (02)')).toBe('commune:02691');
    expect(await place('ST QUENTIN', '02')).toBe('commune:02691');
    expect(await place('Montreuil (93)')).toBe('commune:93048');
    expect(await place('montreuil', '93')).toBe('commune:93048');
  });

  it('a shared name without département: an error listing the candidates and what is expected', async () => {
    const folder = write({ 'actors.csv': `id,kind,name,commune\n${p}:sq,COMPANY,SQ,Montreuil\n${p}:cp,COMPANY,CP,80370\n` });
    expect(await problemsOf(folder)).toEqual([
      {
        where: 'actors.csv:2',
        message:
          'column commune: "Montreuil" names 3 communes: Montreuil (28) 28267, Montreuil (85) 85148, Montreuil (93) 93048; add the département, e.g. "Montreuil (28)", a departement column, or give the INSEE code',
      },
      {
        where: 'actors.csv:3',
        message: expect.stringMatching(/^column commune: "80370" is the postal code of 19 communes: .*, and 11 more; expected an INSEE code \(e\.g\. 80021 for Amiens\)/),
      },
    ]);
  });

  it('an unknown place: says an INSEE code is expected (e.g. 80021) and suggests close names', async () => {
    const folder = write({ 'actors.csv': `id,kind,name,commune\n${p}:u,COMPANY,U,Amien\n${p}:v,COMPANY,V,99999\n` });
    expect(await problemsOf(folder)).toEqual([
      { where: 'actors.csv:2', message: expect.stringMatching(/^column commune: "Amien" is not the name of a current commune; expected an INSEE code \(e\.g\. 80021 for Amiens\).*Did you mean Amiens \(80\) 80021/) },
      { where: 'actors.csv:3', message: expect.stringMatching(/^column commune: "99999" is neither an INSEE code nor a postal code of a current commune; expected an INSEE code \(e\.g\. 80021/) },
    ]);
  });
});

describe('survey answers as people write them', () => {
  it('a competency by id, id without prefix, or label (accents and case ignored)', async () => {
    const folder = write({
      'actors.csv': `id,kind,name\n${p}:sme-l,COMPANY,L\n`,
      'answers.csv':
        'answer,company,competency,priority\n' +
        `${p}-l1,${p}:sme-l,competency:ideation,3\n` +
        `${p}-l2,${p}:sme-l,export-strategy,5\n` +
        `${p}-l3,${p}:sme-l,"CONSTRUIRE UNE STRATEGIE D'EXPORT",3\n` +
        `${p}-l4,${p}:sme-l,Prototyper et tester rapidement,2\n`,
    });
    await seed(db, readSeedPath(folder));
    const needs = await db.read<{ k: string; responses: number }>(
      'MATCH (:Company {id: $id})-[n:NEEDS]->(k) RETURN k.id AS k, n.responses AS responses ORDER BY k',
      { id: `${p}:sme-l` },
    );
    expect(needs).toEqual([
      { k: 'competency:export-strategy', responses: 2 },
      { k: 'competency:ideation', responses: 1 },
      { k: 'competency:prototyping', responses: 1 },
    ]);
  });

  it('an unknown competency: says what is expected and suggests the closest label', async () => {
    const folder = write({
      'actors.csv': `id,kind,name\n${p}:sme-u,COMPANY,U\n`,
      'answers.csv': `answer,company,competency,priority\n${p}-u1,${p}:sme-u,Construire une stratégie d'exprt,3\n`,
    });
    expect(await problemsOf(folder)).toEqual([
      {
        where: 'answers.csv:2',
        message: expect.stringMatching(
          /^column competency: "Construire une stratégie d'exprt" is neither the id nor the label of a known competency; expected an id such as competency:\S+ or its label ".+"\. Did you mean competency:export-strategy \("Construire une stratégie d'export"\)\?$/,
        ),
      },
    ]);
  });

  it('the dry run forecasts exactly what the real run writes, NEEDS from the survey answers included', async () => {
    const folder = write({
      'actors.csv': `id,kind,name\n${p}:f1,COMPANY,F1\n${p}:f2,COMPANY,F2\n`,
      'answers.csv':
        'answer,company,competency,priority\n' +
        `${p}-f1,${p}:f1,competency:ideation,3\n${p}-f2,${p}:f1,competency:ideation,5\n${p}-f3,${p}:f1,competency:prototyping,1\n` +
        `${p}-f4,${p}:f2,competency:export-strategy,4\n`,
    });
    const counts = (r: Awaited<ReturnType<typeof seed>>) => ({
      nodes: [...r.nodes.values()].reduce((n, t) => n + t.created, 0),
      relationships: Object.fromEntries([...r.relationships].map(([k, t]) => [k, t.created])),
    });
    const dry = await seed(db, readSeedPath(folder), { dryRun: true });
    const real = await seed(db, readSeedPath(folder));
    expect(counts(dry)).toEqual(counts(real));
    expect(counts(real).relationships).toEqual({ NEEDS: 3 });
    // A corrected answer: the forecast says which NEEDS change, as the run does.
    const fixed = write({ 'answers.csv': `answer,company,competency,priority\n${p}-f3,${p}:f1,competency:prototyping,5\n` });
    const dryFix = await seed(db, readSeedPath(fixed), { dryRun: true });
    const realFix = await seed(db, readSeedPath(fixed));
    expect(dryFix.relationships.get('NEEDS')).toEqual(realFix.relationships.get('NEEDS'));
    expect(realFix.relationships.get('NEEDS')).toEqual({ created: 0, updated: 1, unchanged: 1 });
  });
});

describe('XLSX workbooks', () => {
  it('one sheet per table, French headers, numbers and booleans as Excel types; a notes sheet skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Lisez-moi');
    notes.addRow(['Ce classeur décrit notre réseau.']);
    const actors = workbook.addWorksheet('Acteurs');
    actors.addRow(['Identifiant', 'Nature', 'Nom', 'Commune', 'Effectif', 'Innove']);
    actors.addRow([`${p}:x1`, 'COMPANY', 'Usine X', 'Amiens', 250, true]);
    actors.addRow([`${p}:x2`, 'CLUSTER', 'Pôle Y', 80016, null, null]);
    const links = workbook.addWorksheet('Liens');
    links.addRow(['Type', 'De', 'Vers', 'Poids']);
    links.addRow(['MEMBER_OF', `${p}:x1`, `${p}:x2`, 0.5]);
    const folder = write({ 'reseau.xlsx': Buffer.from(await workbook.xlsx.writeBuffer()) });
    const report = await seed(db, readSeedPath(folder));
    expect(report.warnings).toEqual([{ where: expect.stringMatching(/reseau\.xlsx \[Lisez-moi\]:1$/), message: expect.stringMatching(/^sheet skipped/) }]);
    expect(await actor(`${p}:x1`)).toMatchObject({ name: 'Usine X', employees: 250, innovates: true, commune: 'commune:80021' });
    expect(await actor(`${p}:x2`)).toMatchObject({ kind: 'CLUSTER', commune: 'commune:80016' });
    const [link] = await db.read<{ weight: number }>('MATCH (:Actor {id: $a})-[r:MEMBER_OF]->() RETURN r.weight AS weight', { a: `${p}:x1` });
    expect(link).toEqual({ weight: 0.5 });
  });

  it('the template workbook of seeds/examples imports as it is (dry run), its instructions sheet skipped', async () => {
    const report = await seed(db, readSeedPath(path.join(seedsDir, 'examples', 'modele-maillage.xlsx')), { dryRun: true });
    expect(report.validated).toEqual({ nodes: 3, relationships: 5, answers: 2 });
    expect(report.warnings.map((w) => w.where)).toEqual([expect.stringMatching(/\[Lisez-moi\]:1$/)]);
    expect(report.relationships.get('NEEDS')?.created).toBe(2);
  });

  it('errors name the sheet and the row', async () => {
    const workbook = new ExcelJS.Workbook();
    const actors = workbook.addWorksheet('Acteurs');
    actors.addRow(['id', 'kind', 'name']);
    actors.addRow([`${p}:bad`, 'PME', 'Mauvaise']);
    const folder = write({ 'bad.xlsx': Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(await problemsOf(folder)).toEqual([{ where: 'bad.xlsx [Acteurs]:2', message: expect.stringMatching(/^column kind: expected one of .*COMPANY.*, got "PME"$/) }]);
  });
});

describe('what a seed folder refuses (#14)', () => {
  it('a symbolic link is refused, not followed: its target is never read', async () => {
    const secret = path.join(dir, 'secret.csv');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    const folder = write({ 'actors.csv': `id,kind,name\n${p}:ok,COMPANY,OK\n` });
    symlinkSync(secret, path.join(folder, 'passwd.csv'));
    const problems = await problemsOf(folder);
    expect(problems).toEqual([{ where: 'passwd.csv', message: 'is a symbolic link; expected a regular file (links in a seed folder are not followed)' }]);
    expect(JSON.stringify(problems)).not.toContain('root');
  });

  it('a file above the size cap is refused before it is read', async () => {
    const folder = write({ 'actors.csv': `id,kind,name\n${p}:big,COMPANY,${'B'.repeat(3_000)}\n` });
    expect(await problemsOf(folder, { maxFileBytes: 1_024 })).toEqual([
      { where: 'actors.csv', message: 'is 3 KB; the limit is 1 KB per file (SEED_MAX_FILE_MB): split it, or raise the limit' },
    ]);
  });
});

/** Windows-1252 bytes of a text (é, É, è... are one byte each, as French Excel saves them). */
function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
