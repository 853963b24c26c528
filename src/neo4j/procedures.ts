/**
 * The APOC and GDS procedures and functions Maillage's Cypher calls: the service's, its
 * benchmarks' and its tests'. A Neo4j the service owns registers only these (its
 * `dbms.security.procedures.allowlist`): registering every procedure of both plugins took 1.7 to
 * 1.8 s of each start on the reference machine, these 0.9 to 1.0 s (docs/benchmarks.md, "Later
 * starts"). A call missing here fails in Neo4j with "no procedure with the name ... registered";
 * tests/unit/procedures.test.ts finds it first, by reading every call in the code.
 *
 * Patterns as Neo4j reads them: `*` matches any run of characters, dots included.
 */
export const PROCEDURES: readonly string[] = [
  // Lists, maps and text in the service's queries (presence, suggestions, synergy, search, seeding).
  'apoc.coll.*',
  'apoc.map.*',
  'apoc.text.*',
  'apoc.convert.*',
  'apoc.node.degree',
  // Test fixtures and the chaos benchmark's slow queries.
  'apoc.create.*',
  'apoc.util.sleep',
  // The network shape of a large territory (src/shape/engine-gds.ts).
  'gds.graph.*',
  'gds.wcc.*',
  'gds.degree.*',
  'gds.pageRank.*',
  'gds.betweenness.*',
  'gds.louvain.*',
  'gds.localClusteringCoefficient.*',
  'gds.articulationPoints.*',
];

/** Whether Neo4j's allowlist lets `name` through (the same matching as Neo4j's globs). */
export function isAllowedProcedure(name: string, patterns: readonly string[] = PROCEDURES): boolean {
  return patterns.some((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.\\^$+?()[\]{}|]/g, '\\$&')).join('.*')}$`).test(name));
}
