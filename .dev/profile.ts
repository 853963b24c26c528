// usage: profile.ts <module-export> [n companies] ; prints per-operator db hits of the first company's query + timings for n
import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';
const [, , modPath, exportName, n = '10', kinds = 'UNIVERSITY'] = process.argv;
const mod = await import(modPath!);
const cypher: string = mod[exportName!];
const params: Record<string, unknown> = { ...(mod.PROFILE_PARAMS ?? {}) };
const driver = neo4j.driver(readFileSync('/tmp/syn-dev/uri', 'utf8'));
const session = driver.session({ database: 'neo4j' });
const companies: string[] = JSON.parse(readFileSync('/tmp/syn-dev/companies.json', 'utf8'));
const pick = (i: number) => companies[(i * 7919) % companies.length]!;
const p = (id: string) => ({ ...params, id, kinds: kinds === 'null' ? null : [kinds] });
const res = await session.run('PROFILE ' + cypher, p(pick(1)));
const plan = res.summary.profile as any;
function walk(op: any, depth: number) {
  console.log(`${'  '.repeat(depth)}${op.operatorType} rows=${op.rows} dbHits=${op.dbHits} ${(op.arguments?.Details ?? '').toString().slice(0, 110).replace(/\s+/g, ' ')}`);
  for (const c of op.children) walk(c, depth + 1);
}
walk(plan, 0);
let total = 0; (function sum(op: any) { total += op.dbHits; op.children.forEach(sum); })(plan);
console.log('total dbHits', total);
const times: number[] = [];
for (let i = 0; i < Number(n); i++) {
  const t = performance.now();
  const r = await session.run(cypher, p(pick(i + 2)));
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log('ms', times.map((t) => t.toFixed(0)).join(' '));
await session.close(); await driver.close();
