/**
 * The benchmark's query shapes, each written three times (our API, @neo4j/graphql, raw Cypher) for
 * the same answer, with a canonical form of each answer so the harness can check they agree.
 *
 *   const shape = SHAPES.find((s) => s.name === 'links2')!;
 *   shape.ours({ id: 'syn:company:12' })   // { query: 'query($id: ID!) { actor(id: $id) { ... } }', variables }
 *   shape.canonOurs(body.data)              // { id, name, kind, links: [...sorted] }, equal to canonPeer(peer's data)
 *
 * Canonical forms sort what our API leaves unordered (links) or what the peer orders otherwise
 * (search results when the page holds every match); pages by id keep their order.
 */
import { toFulltextQuery } from '../../src/actors/search-text.ts';
import { ACTOR_LINK_TYPES, type RawShape } from './raw-queries.ts';
import { PEER_LINK_FIELDS } from './type-defs.ts';

export interface Samples {
  kinds: string[];
  /** Actors with 1..50 actor-to-actor links (our `links` default `first` is 50, the peer has no limit). */
  actors2: string[];
  /** Companies with 1..20 partners, each partner with at most 50 partners and clusters. */
  actors3: string[];
  /** Number prefixes that match a handful of names (`PME ... 10234 (Amiens)`), fewer than a page. */
  searches: string[];
  departments: string[];
}

export type Vars = Record<string, string>;
export interface GraphQLBody {
  query: string;
  variables: Record<string, unknown>;
}
type Json = unknown;
type Obj = Record<string, Json>;

export interface Shape {
  name: RawShape;
  title: string;
  /** Nested shapes carry the throughput goal (>= 1.5x the peer). */
  nested: boolean;
  samples(s: Samples): Vars[];
  ours(v: Vars): GraphQLBody;
  peer(v: Vars): GraphQLBody;
  raw(v: Vars): Record<string, unknown>;
  canonOurs(data: Obj): Json;
  canonPeer(data: Obj): Json;
  canonRaw(rows: Obj[]): Json;
}

const PAGE = 20;
/** JSON with object keys sorted, so that key order never decides an array's order. */
const stableJson = (v: Json): string =>
  JSON.stringify(v, (_, x: Json) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
const sorted = <T>(list: T[]): T[] =>
  list
    .map((x) => [stableJson(x), x] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, x]) => x);
const obj = (v: Json): Obj => (v ?? {}) as Obj;
const list = (v: Json): Obj[] => (v ?? []) as Obj[];
const edges = (connection: Json) => list(obj(connection).edges).map((e) => obj(e.node));
const pick = (o: Obj, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));

/** Our `links` (or the raw floor's, same shape), canonical: sorted, `other` reduced to `fields` plus nested links. */
function canonLinks(links: Json, fields: readonly string[], inner?: (o: Obj) => Json): Json {
  return sorted(
    list(links).map((l) => {
      const other = obj(l.other);
      return { type: l.type, direction: l.direction, other: inner ? { ...pick(other, fields), links: inner(other) } : pick(other, fields) };
    }),
  );
}

/** The peer's per-type-and-direction fields folded back into our `links`. */
function foldPeerLinks(node: Obj, types: readonly string[], fields: readonly string[], inner?: (o: Obj) => Json): Json {
  const links: Obj[] = [];
  for (const type of types) {
    const [out, inn] = PEER_LINK_FIELDS[type]!;
    for (const [field, direction] of [
      [out, 'OUT'],
      [inn, 'IN'],
    ] as const) {
      for (const other of list(node[field])) {
        links.push({ type, direction, other: inner ? { ...pick(other, fields), links: inner(other) } : pick(other, fields) });
      }
    }
  }
  return sorted(links);
}

/** The peer selection for `types` links: `partnerOf { <inner> } partnerOfIn { <inner> } ...`. */
const peerLinks = (types: readonly string[], inner: string) => types.flatMap((t) => PEER_LINK_FIELDS[t]!.map((f) => `${f} { ${inner} }`)).join(' ');

const typesLiteral = (types: readonly string[]) => `[${types.map((t) => `"${t}"`).join(', ')}]`;
const LEVEL3_INNER = ['PARTNER_OF', 'MEMBER_OF'] as const;

export const SHAPES: Shape[] = [
  {
    name: 'page',
    title: 'page of actors by kind + totalCount',
    nested: false,
    samples: (s) => s.kinds.map((kind) => ({ kind })),
    ours: (v) => ({
      query: `query($k: [ActorKind!]) { actors(kinds: $k, first: ${PAGE}) { totalCount edges { node { id name kind } } } }`,
      variables: { k: [v.kind] },
    }),
    peer: (v) => ({
      query: `query($k: String!) { actorsConnection(where: { kind: { eq: $k } }, first: ${PAGE}, sort: [{ id: ASC }]) { totalCount edges { node { id name kind } } } }`,
      variables: { k: v.kind },
    }),
    raw: (v) => ({ kind: v.kind, first: PAGE }),
    canonOurs: (d) => ({ total: obj(d.actors).totalCount, page: edges(d.actors) }),
    canonPeer: (d) => ({ total: obj(d.actorsConnection).totalCount, page: edges(d.actorsConnection) }),
    canonRaw: (rows) => ({ total: rows[0]?.total, page: rows[0]?.page }),
  },
  {
    name: 'links2',
    title: 'actor, its links, their other ends (2 levels)',
    nested: true,
    samples: (s) => s.actors2.map((id) => ({ id })),
    ours: (v) => ({
      query: `query($id: ID!) { actor(id: $id) { id name kind links(types: ${typesLiteral(ACTOR_LINK_TYPES)}) { type direction other { id ... on Actor { name kind } } } } }`,
      variables: { id: v.id },
    }),
    peer: (v) => ({
      query: `query($id: ID!) { actors(where: { id: { eq: $id } }) { id name kind ${peerLinks(ACTOR_LINK_TYPES, 'id name kind')} } }`,
      variables: { id: v.id },
    }),
    raw: (v) => ({ id: v.id }),
    canonOurs: (d) => {
      const a = obj(d.actor);
      return { ...pick(a, ['id', 'name', 'kind']), links: canonLinks(a.links, ['id', 'name', 'kind']) };
    },
    canonPeer: (d) => {
      const a = list(d.actors)[0] ?? {};
      return { ...pick(a, ['id', 'name', 'kind']), links: foldPeerLinks(a, ACTOR_LINK_TYPES, ['id', 'name', 'kind']) };
    },
    canonRaw: (rows) => {
      const a = obj(rows[0]?.actor);
      return { ...pick(a, ['id', 'name', 'kind']), links: canonLinks(a.links, ['id', 'name', 'kind']) };
    },
  },
  {
    name: 'links3',
    title: 'actor, partners, their partners and clusters (3 levels, type filters)',
    nested: true,
    samples: (s) => s.actors3.map((id) => ({ id })),
    ours: (v) => ({
      query: `query($id: ID!) { actor(id: $id) { id name links(types: ["PARTNER_OF"]) { type direction other { id ... on Actor { name links(types: ${typesLiteral(LEVEL3_INNER)}) { type direction other { id ... on Actor { name kind } } } } } } } }`,
      variables: { id: v.id },
    }),
    peer: (v) => ({
      query: `query($id: ID!) { actors(where: { id: { eq: $id } }) { id name ${peerLinks(['PARTNER_OF'], `id name ${peerLinks(LEVEL3_INNER, 'id name kind')}`)} } }`,
      variables: { id: v.id },
    }),
    raw: (v) => ({ id: v.id }),
    canonOurs: (d) => {
      const a = obj(d.actor);
      return { ...pick(a, ['id', 'name']), links: canonLinks(a.links, ['id', 'name'], (o) => canonLinks(o.links, ['id', 'name', 'kind'])) };
    },
    canonPeer: (d) => {
      const a = list(d.actors)[0] ?? {};
      return {
        ...pick(a, ['id', 'name']),
        links: foldPeerLinks(a, ['PARTNER_OF'], ['id', 'name'], (o) => foldPeerLinks(o, LEVEL3_INNER, ['id', 'name', 'kind'])),
      };
    },
    canonRaw: (rows) => {
      const a = obj(rows[0]?.actor);
      return { ...pick(a, ['id', 'name']), links: canonLinks(a.links, ['id', 'name'], (o) => canonLinks(o.links, ['id', 'name', 'kind'])) };
    },
  },
  {
    name: 'search',
    title: 'search by name',
    nested: false,
    samples: (s) => s.searches.map((search) => ({ search, lucene: toFulltextQuery(search) ?? '' })),
    ours: (v) => ({
      query: `query($q: String) { actors(search: $q, first: ${PAGE}) { totalCount edges { node { id name } } } }`,
      variables: { q: v.search },
    }),
    // The peer gets the Lucene query ours builds from the text (the peer passes its phrase to Lucene as is).
    peer: (v) => ({
      query: `query($p: String!) { actorsByName(phrase: $p, first: ${PAGE}) { totalCount edges { node { id name } } } }`,
      variables: { p: v.lucene },
    }),
    raw: (v) => ({ lucene: v.lucene, search: v.search, first: PAGE }),
    canonOurs: (d) => ({ total: obj(d.actors).totalCount, page: sorted(edges(d.actors)) }),
    canonPeer: (d) => ({ total: obj(d.actorsByName).totalCount, page: sorted(edges(d.actorsByName)) }),
    canonRaw: (rows) => ({ total: rows[0]?.total, page: sorted(list(rows[0]?.page)) }),
  },
  {
    name: 'within',
    title: 'actors within a département + totalCount',
    nested: false,
    samples: (s) => s.departments.map((department) => ({ department })),
    ours: (v) => ({
      // SEAT: located there, as the peer and the raw floor ask (ACTIVE, the default, also counts who acts there).
      query: `query($d: ID) { actors(within: $d, presence: SEAT, first: ${PAGE}) { totalCount edges { node { id name kind } } } }`,
      variables: { d: v.department },
    }),
    peer: (v) => ({
      query: `query($d: ID!) { actorsConnection(where: { locatedIn: { some: { OR: [{ partOf: { some: { id: { eq: $d } } } }, { epci: { some: { partOf: { some: { id: { eq: $d } } } } } }] } } }, first: ${PAGE}, sort: [{ id: ASC }]) { totalCount edges { node { id name kind } } } }`,
      variables: { d: v.department },
    }),
    raw: (v) => ({ department: v.department, first: PAGE }),
    canonOurs: (d) => ({ total: obj(d.actors).totalCount, page: edges(d.actors) }),
    canonPeer: (d) => ({ total: obj(d.actorsConnection).totalCount, page: edges(d.actorsConnection) }),
    canonRaw: (rows) => ({ total: rows[0]?.total, page: rows[0]?.page }),
  },
];
