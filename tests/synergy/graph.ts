/**
 * Hand-built graphs for the synergy tests: nodes with the labels of docs/data-model.md, and
 * relationships, created in one transaction; every id carries the test's prefix.
 *
 *   await createGraph(db, {
 *     nodes: [actor('p-utc', 'University', 'UTC'), { id: 'p-c', labels: ['Competency'], name: 'design' }],
 *     rels: [['p-utc', 'TEACHES', 'p-c']],
 *   });
 */
import type { Database } from '../../src/neo4j/database.ts';
import { refreshAllPresence } from '../../src/territories/stored-presence.ts';

export interface NodeSpec {
  id: string;
  labels: string[];
  name: string;
  [property: string]: unknown;
}
export type RelSpec = [from: string, type: string, to: string, properties?: Record<string, unknown>];

const KIND: Record<string, string> = {
  Institute: 'INSTITUTE',
  University: 'UNIVERSITY',
  Company: 'COMPANY',
  Cluster: 'CLUSTER',
  Funder: 'FUNDER',
  Chamber: 'CHAMBER',
  LocalAuthority: 'LOCAL_AUTHORITY',
  Region: 'REGION',
};

/** An actor of one kind label (`Entity:Actor:<Kind>` with `kind`), plus extra labels if any. */
export function actor(id: string, kindLabel: string, name: string, extra: Record<string, unknown> = {}, labels: string[] = []): NodeSpec {
  return { id, labels: ['Actor', kindLabel, ...labels], name, kind: KIND[kindLabel], ...extra };
}

/** A territory of one level label (`Entity:Territory:<Level>`). */
export function territory(id: string, level: string, name: string, extra: Record<string, unknown> = {}): NodeSpec {
  return { id, labels: ['Territory', level], name, ...extra };
}

export function node(id: string, label: string, name: string, extra: Record<string, unknown> = {}): NodeSpec {
  return { id, labels: [label], name, ...extra };
}

export async function createGraph(db: Database, graph: { nodes: NodeSpec[]; rels: RelSpec[] }): Promise<void> {
  await db.write(
    `UNWIND $nodes AS row
     CALL apoc.create.node(['Entity'] + row.labels, row.props) YIELD node
     RETURN count(node) AS n`,
    { nodes: graph.nodes.map(({ labels, ...props }) => ({ labels, props: { source: 'test', ...props } })) },
  );
  const [row] = await db.write<{ n: number }>(
    `UNWIND $rels AS row
     MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
     CALL apoc.create.relationship(a, row.type, row.props, b) YIELD rel
     RETURN count(rel) AS n`,
    { rels: graph.rels.map(([from, type, to, props]) => ({ from, type, to, props: { source: 'test', ...props } })) },
  );
  if (row?.n !== graph.rels.length) throw new Error(`Created ${row?.n} of ${graph.rels.length} relationships: an id is wrong.`);
  // Written by hand in Cypher: give the actors their stored presence, as a write path would.
  await refreshAllPresence(db);
}

export async function deleteGraph(db: Database, prefix: string): Promise<void> {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
}
