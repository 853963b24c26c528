/**
 * The shares of a request's CPU in a V8 profile (`node --cpu-prof`): each sample's self time goes
 * to the part of the stack it belongs to (HTTP, parsing, validation, execution, plugins, our code,
 * serialising, logging, GC), idle time left out.
 *
 *   node bench/profile-shares.ts /tmp/prof/CPU.*.cpuprofile     # one table, all the files together
 *   node bench/profile-shares.ts --top 25 file.cpuprofile         # also the 25 costliest functions
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { helpIfAsked } from './support.ts';

helpIfAsked(`node bench/profile-shares.ts [--top N] [--from S] <file.cpuprofile>...: CPU shares by part of a request, samples from S seconds on (default 3: start-up left out)`);
const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '0' }, from: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
/** Samples before this many seconds of the profile are the process starting (module loading), left out. */
const fromUs = Number(values.from) * 1e6;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Parts decided by who called: native writes and Node internals under pino are logging, under the
 * Neo4j driver its Bolt I/O (the raw floor pays the driver's share too).
 */
const BY_CALLER: [string, (url: string) => boolean][] = [
  ['logging (pino)', (u) => u.includes('/pino/') || u.includes('sonic-boom')],
  ['Neo4j driver (Bolt writes, records)', (u) => u.includes('neo4j-driver')],
];

/** The part of a request a frame belongs to, by its file (first match wins). */
const PARTS: [string, (url: string, fn: string) => boolean][] = [
  ['GC', (_u, fn) => fn === '(garbage collector)'],
  ['idle', (_u, fn) => fn === '(idle)'],
  ['V8 / native (program)', (_u, fn) => fn === '(program)'],
  ['HTTP: socket writes (native)', (u, fn) => u === '' && /^(writev|writeString|writeUtf8String|writeLatin1String|writeBuffer|writeBase64String)$/.test(fn)],
  ['JSON parse and stringify (native)', (u, fn) => u === '' && /^(parse|stringify)$/.test(fn)],
  ['parse', (u) => u.includes('/graphql/language/')],
  ['validate', (u) => u.includes('/graphql/validation/') || u.includes('graphql-armor')],
  ['execute (graphql-js / graphql-jit)', (u) => /\/graphql\/(execution|jsutils|type|utilities)\//.test(u) || u.includes('/graphql-jit/') || u.includes('@graphql-tools')],
  ['metrics (prom-client, prometheus plugin)', (u) => u.includes('prom-client') || u.includes('plugin-prometheus') || u.includes('@envelop/prometheus') || u.includes('/tdigest/') || u.includes('/bintrees/')],
  ['logging (pino)', (u) => u.includes('/pino') || u.includes('sonic-boom') || u.includes('fast-redact') || u.includes('quick-format')],
  ['yoga, envelop and their plugins', (u) => u.includes('graphql-yoga') || u.includes('@envelop') || u.includes('@graphql-yoga') || u.includes('@escape.tech') || u.includes('rate-limiter')],
  ['HTTP: whatwg-node Request/Response', (u) => u.includes('@whatwg-node') || u.includes('fetchache') || u.includes('urlpattern')],
  ['ours: look-ahead, Cypher, records, resolvers', (u) => /\/src\/(graphql\/(lookahead|resolvers|plugins)|fetch|actors|domain|territories|search|graphql)\//.test(u)],
  ['ours: other', (u) => u.includes('/src/')],
  ['HTTP: node:http, net, streams', (u) => u.startsWith('node:')],
  ['other JavaScript', () => true],
];

const totals = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const byCaller = (id: number): string | undefined => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parents.get(cur)) {
      const url = nodes.get(cur)?.callFrame.url ?? '';
      const part = BY_CALLER.find(([, test]) => test(url));
      if (part) return part[0];
    }
    return undefined;
  };
  let elapsed = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const dt = profile.timeDeltas[i] ?? 0;
    elapsed += dt;
    const node = nodes.get(profile.samples[i]!);
    if (!node || elapsed < fromUs) continue;
    const { url, functionName } = node.callFrame;
    const part = byCaller(node.id) ?? PARTS.find(([, test]) => test(url, functionName))![0];
    if (part === 'idle') continue;
    busy += dt;
    totals.set(part, (totals.get(part) ?? 0) + dt);
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/src\//, 'src/')}:${node.callFrame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
  }
}
const pct = (x: number) => `${((100 * x) / busy).toFixed(1)}%`;
console.log('| part of the request | share of busy CPU |\n| --- | ---: |');
for (const [part, t] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`| ${part} | ${pct(t)} |`);
const top = Number(values.top);
if (top > 0) {
  console.log('');
  for (const [fn, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t).padStart(6)}  ${fn}`);
}
