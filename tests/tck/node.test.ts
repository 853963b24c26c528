// GraphQL in, Cypher out: node(id), where the node may be of any type.
import { describe, expect, it } from 'vitest';
import { translate } from './translate.ts';

describe('node(id)', () => {
  it('each relation is guarded by the label of the nodes that have it', async () => {
    expect(
      await translate(`{ node(id: "commune:80016") { id ... on Territory { parents { id } } ... on Actor { links(first: 5) { type } } } }`),
    ).toMatchInlineSnapshot(`
      "MATCH (n:Entity {id: $id})
      RETURN n { .id, .name, .kind, labels: labels(n), _fetched: {
          \`parents\`: CASE WHEN n:Territory AND NOT n:Actor THEN COLLECT {
            MATCH (n)-[:PART_OF*1..3]->(t0:Territory)
            WITH DISTINCT t0
            ORDER BY CASE WHEN t0:Epci THEN 1 WHEN t0:Department THEN 2 WHEN t0:Region THEN 3 ELSE 4 END, t0.id
            RETURN t0 { .id, .name, .kind, labels: labels(t0) }
          } END,
          \`links\`: COLLECT {
            MATCH (n)-[r0]-(o0)
            WITH r0, o0, CASE WHEN startNode(r0) = n THEN 'OUT' ELSE 'IN' END AS d0
            ORDER BY type(r0), o0.id, d0
            LIMIT toInteger($p0)
            RETURN { type: type(r0), direction: d0, other: o0 { .id, .name, .kind, labels: labels(o0) } }
          }
        } } AS n
      --- READ {"id":"commune:80016","p0":5}"
    `);
  });
});
