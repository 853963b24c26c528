// GraphQL in, Cypher out: territory(id) with its parents, children and actors.
import { describe, expect, it } from 'vitest';
import { translate } from './translate.ts';

describe('territory(id)', () => {
  it('parents and children', async () => {
    expect(await translate(`{ territory(id: "epci:248000747") { name level parents { id level } children(level: COMMUNE, first: 50) { id name } } }`)).toMatchInlineSnapshot(`
      "MATCH (n:Territory {id: $id})
      RETURN n { .id, .name, .kind, .level, labels: labels(n), _fetched: {
          \`parents\`: COLLECT {
            MATCH (n)-[:PART_OF*1..3]->(t0:Territory)
            WITH DISTINCT t0
            ORDER BY CASE WHEN t0:Epci THEN 1 WHEN t0:Department THEN 2 WHEN t0:Region THEN 3 ELSE 4 END, t0.id
            RETURN t0 { .id, .name, .kind, .level, labels: labels(t0) }
          },
          \`children\`: COLLECT {
            MATCH (t1:Territory)-[:PART_OF]->(n) WHERE t1:Commune
            WITH t1 ORDER BY t1.name, t1.id LIMIT toInteger($p0)
            RETURN t1 { .id, .name, .kind, labels: labels(t1) }
          }
        } } AS n
      --- READ {"id":"epci:248000747","p0":50}"
    `);
  });

  it('the actors inside: the actors connection with the territory as scope', async () => {
    expect(
      await translate(`{ territory(id: "department:80") { actors(search: "aero", kinds: [COMPANY], first: 10) { totalCount edges { node { id links(types: ["MEMBER_OF"]) { other { id } } } } } } }`),
    ).toMatchInlineSnapshot(`
      "MATCH (n:Territory {id: $id})
      RETURN n { .id, .name, .kind, labels: labels(n), _fetched: {
          \`actors\`: [members0 IN [COLLECT {
            CALL db.index.fulltext.queryNodes('actor_names', $p0) YIELD node AS a0
            WHERE a0:Actor
              AND (n.id IN a0.presentIn
              OR EXISTS { (n)-[:PART_OF*1..3]->(:Territory)<-[:SERVES]-(a0) })
              AND (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
              AND a0.kind IN $p1
            RETURN a0
          }] | {
            total: size(members0),
            page: COLLECT {
              UNWIND members0 AS a0
              WITH a0, coalesce(a0.searchNames, [apoc.text.clean(a0.name), apoc.text.clean(coalesce(a0.shortName, ''))]) AS names0
              WITH a0, CASE
                  WHEN any(s IN names0 WHERE s = $p3 OR replace(s, ' ', '') = $p4) OR $p4 IN [] THEN 0
                  WHEN any(s IN names0 WHERE s STARTS WITH $p3 + ' ') THEN 1
                  WHEN any(s IN names0 WHERE replace(s, ' ', '') STARTS WITH $p4) THEN 2
                  ELSE 3 END AS tier0,
                size(a0.name) AS len0
              WITH a0, tier0, len0 ORDER BY tier0, len0, a0.id LIMIT toInteger($p2)
              RETURN { rank: [tier0, len0], node: a0 { .id, .name, .kind, labels: labels(a0), _fetched: {
                \`links\`: COLLECT {
                  MATCH (a0)-[r0:MEMBER_OF]-(o0)
                  WITH r0, o0, CASE WHEN startNode(r0) = a0 THEN 'OUT' ELSE 'IN' END AS d0
                  ORDER BY type(r0), o0.id, d0
                  LIMIT toInteger($p5)
                  RETURN { type: type(r0), direction: d0, other: o0 { .id, .name, .kind, labels: labels(o0) } }
                }
              } } }
            }
          }][0]
        } } AS n
      --- READ {"id":"department:80","p0":"(aero*)","p1":["COMPANY"],"p2":11,"p3":"aero","p4":"aero","p5":50}"
    `);
  });
});
