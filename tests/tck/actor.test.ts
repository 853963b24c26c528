// GraphQL in, Cypher out: actor(id) and the relations beneath it, read in one query.
import { describe, expect, it } from 'vitest';
import { translate } from './translate.ts';

describe('actor(id)', () => {
  it('scalars only: one MATCH, the node projected', async () => {
    expect(await translate(`{ actor(id: "utc") { id name kind ... on University { category } } }`)).toMatchInlineSnapshot(`
      "MATCH (n:Actor {id: $id})
      RETURN n { .id, .name, .kind, .category, labels: labels(n) } AS n
      --- READ {"id":"utc"}"
    `);
  });

  it('links with their other end and its own links, three levels deep', async () => {
    expect(
      await translate(`query($types: [String!]) { actor(id: "bpifrance") {
        name
        links(types: $types, first: 10) { type direction properties other { id ... on Actor {
          links { type other { id ... on Actor { links(first: 3) { type other { id } } } } } } }
        }
      } }`, { types: ['SUPPORTS'] }),
    ).toMatchInlineSnapshot(`
      "MATCH (n:Actor {id: $id})
      RETURN n { .id, .name, .kind, labels: labels(n), _fetched: {
          \`links\`: COLLECT {
            MATCH (n)-[r0:SUPPORTS]-(o0)
            WITH r0, o0, CASE WHEN startNode(r0) = n THEN 'OUT' ELSE 'IN' END AS d0
            ORDER BY type(r0), o0.id, d0
            LIMIT toInteger($p0)
            RETURN { type: type(r0), direction: d0, properties: properties(r0), other: o0 { .id, .name, .kind, labels: labels(o0), _fetched: {
              \`links\`: COLLECT {
                MATCH (o0)-[r1]-(o1)
                WITH r1, o1, CASE WHEN startNode(r1) = o0 THEN 'OUT' ELSE 'IN' END AS d1
                ORDER BY type(r1), o1.id, d1
                LIMIT toInteger($p1)
                RETURN { type: type(r1), direction: d1, other: o1 { .id, .name, .kind, labels: labels(o1), _fetched: {
                  \`links\`: COLLECT {
                    MATCH (o1)-[r2]-(o2)
                    WITH r2, o2, CASE WHEN startNode(r2) = o1 THEN 'OUT' ELSE 'IN' END AS d2
                    ORDER BY type(r2), o2.id, d2
                    LIMIT toInteger($p2)
                    RETURN { type: type(r2), direction: d2, other: o2 { .id, .name, .kind, labels: labels(o2) } }
                  }
                } } }
              }
            } } }
          }
        } } AS n
      --- READ {"id":"bpifrance","p0":10,"p1":50,"p2":3}"
    `);
  });

  it('the commune, with aliases: each alias is its own fetch', async () => {
    expect(
      await translate(`{ actor(id: "altytud") { seat: commune { name parents { id level } } partners: links(types: ["PARTNER_OF"]) { other { id } } } }`),
    ).toMatchInlineSnapshot(`
      "MATCH (n:Actor {id: $id})
      RETURN n { .id, .name, .kind, labels: labels(n), _fetched: {
          \`seat\`: COLLECT {
            MATCH (n)-[:LOCATED_IN]->(c0:Commune)
            WITH c0 ORDER BY c0.id LIMIT 1
            RETURN c0 { .id, .name, .kind, labels: labels(c0), _fetched: {
              \`parents\`: COLLECT {
                MATCH (c0)-[:PART_OF*1..3]->(t0:Territory)
                WITH DISTINCT t0
                ORDER BY CASE WHEN t0:Epci THEN 1 WHEN t0:Department THEN 2 WHEN t0:Region THEN 3 ELSE 4 END, t0.id
                RETURN t0 { .id, .name, .kind, .level, labels: labels(t0) }
              }
            } }
          }[0],
          \`partners\`: COLLECT {
            MATCH (n)-[r0:PARTNER_OF]-(o0)
            WITH r0, o0, CASE WHEN startNode(r0) = n THEN 'OUT' ELSE 'IN' END AS d0
            ORDER BY type(r0), o0.id, d0
            LIMIT toInteger($p0)
            RETURN { type: type(r0), direction: d0, other: o0 { .id, .name, .kind, labels: labels(o0) } }
          }
        } } AS n
      --- READ {"id":"altytud","p0":50}"
    `);
  });
});
