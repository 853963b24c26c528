// GraphQL in, Cypher out: the three mutations, each one query (checks and writes together).
import { describe, expect, it } from 'vitest';
import { translate } from './translate.ts';

describe('mutations', () => {
  it('upsertActors: checks every item, writes only if all pass, reads back what the selection asks', async () => {
    expect(
      await translate(`mutation { upsertActors(input: [
        { id: "altytud", name: "Altytud", kind: COMPANY, communeId: "commune:80523", employees: 12 },
        { id: "bpifrance", name: "Bpifrance", kind: FUNDER, communeId: null }
      ]) { id links(first: 3) { type } } }`),
    ).toMatchInlineSnapshot(`
      "CALL () { MERGE (v:DataVersion {id: 'data'}) SET v.token = randomUUID() }
      UNWIND $p0 AS row
      OPTIONAL MATCH (existing:Entity {id: row.id})
      OPTIONAL MATCH (commune:Commune {id: row.communeId})
      WITH collect(CASE
        WHEN existing IS NOT NULL AND NOT existing:Actor THEN {index: row.index, field: 'id', problem: 'not-actor', value: row.id}
        WHEN existing:Territory AND existing.kind <> row.kind THEN {index: row.index, field: 'kind', problem: 'territory-kind', value: existing.kind}
        WHEN existing:Actor AND existing.kind <> row.kind AND NOT row.changeKind THEN {index: row.index, field: 'kind', problem: 'kind-change', value: existing.kind}
        WHEN row.communeId IS NOT NULL AND commune IS NULL THEN {index: row.index, field: 'communeId', problem: 'no-commune', value: row.communeId}
      END) AS problems
      CALL (problems) {
        WITH problems WHERE size(problems) = 0
        UNWIND $p0 AS row
        MERGE (a:Entity {id: row.id})
          ON CREATE SET a.source = coalesce(row.source, 'api')
        SET a:Actor, a:$(row.label), a += row.props, a.kind = row.kind, a.source = coalesce(row.source, a.source)
        REMOVE a:$(row.otherLabels)
        WITH a, row
        CALL (a, row) {
          WITH a, row WHERE row.setCommune
          MATCH (a)-[old:LOCATED_IN]->()
          DELETE old
        }
        CALL (a, row) {
          WITH a, row WHERE row.communeId IS NOT NULL
          MATCH (c:Commune {id: row.communeId})
          MERGE (a)-[located:LOCATED_IN]->(c)
            ON CREATE SET located.source = coalesce(row.source, 'api')
        }
        WITH count(*) AS written
        CALL () {
          CALL () {
            UNWIND [row IN $p0 | row.id] AS presenceId
            MATCH (presenceNode:Entity {id: presenceId})
            CALL (presenceNode) {
              WITH presenceNode WHERE presenceNode:Actor RETURN presenceNode AS presenceActor
              UNION
              MATCH (presenceNode:Event)-[:PART_OF*0..2]->(:Event)<-[:ORGANIZED|PARTICIPATED_IN|LED]-(presenceActor:Actor) RETURN presenceActor
            }
            RETURN presenceActor
            UNION
            UNWIND [] AS presenceId
            MATCH (presenceNode:Territory {id: presenceId})
            WHERE presenceNode:Actor OR EXISTS { (presenceNode)<-[:PART_OF|LOCATED_IN|HELD_IN|SERVES]-() }
            CALL db.index.fulltext.queryNodes('actor_presence', 'presentIn:"' + presenceNode.id + '"') YIELD node AS presenceActor
            RETURN presenceActor
          }
          WITH DISTINCT presenceActor
          WITH presenceActor, apoc.coll.sort(apoc.coll.toSet([presencePlace IN [(presenceActor)-[:LOCATED_IN]->(:Commune)-[:PART_OF*0..3]->(presencePlace:Territory) | presencePlace] + [(presenceActor)-[:PART_OF*0..3]->(presencePlace:Territory) WHERE presenceActor:Territory | presencePlace] + [(presenceActor)-[:ORGANIZED|PARTICIPATED_IN|LED]->(:Event)<-[:PART_OF*0..2]-(:Event)-[:HELD_IN]->(:Territory)-[:PART_OF*0..3]->(presencePlace:Territory) | presencePlace] + [(presenceActor)-[:SERVES]->(:Territory)-[:PART_OF*0..3]->(presencePlace:Territory) | presencePlace] | presencePlace.id])) AS presenceActive, apoc.coll.sort(apoc.coll.toSet([presencePlace IN [(presenceActor)-[:LOCATED_IN]->(:Commune)-[:PART_OF*0..3]->(presencePlace:Territory) | presencePlace] + [(presenceActor)-[:PART_OF*0..3]->(presencePlace:Territory) WHERE presenceActor:Territory | presencePlace] | presencePlace.id])) AS presenceSeat
          WHERE presenceActor.presentIn IS NULL OR presenceActor.presentIn <> presenceActive
            OR presenceActor.seatIn IS NULL OR presenceActor.seatIn <> presenceSeat
          SET presenceActor.presentIn = presenceActive, presenceActor.seatIn = presenceSeat
        }
      }
      RETURN problems, CASE WHEN size(problems) = 0 THEN COLLECT {
        UNWIND $p0 AS row
        MATCH (a:Actor {id: row.id})
        RETURN a { .id, .name, .kind, labels: labels(a), _fetched: {
          \`links\`: COLLECT {
            MATCH (a)-[r0]-(o0)
            WITH r0, o0, CASE WHEN startNode(r0) = a THEN 'OUT' ELSE 'IN' END AS d0
            ORDER BY type(r0), o0.id, d0
            LIMIT toInteger($p1)
            RETURN { type: type(r0), direction: d0, other: o0 { .id, .name, .kind, labels: labels(o0) } }
          }
        } }
      } ELSE [] END AS actors
      --- WRITE {"p0":[{"index":0,"id":"altytud","kind":"COMPANY","label":"Company","otherLabels":["Institute","University","Cluster","Funder","Chamber","LocalAuthority","Region"],"props":{"name":"Altytud","employees":12,"searchNames":["altytud"],"searchText":"altytud"},"source":null,"setCommune":true,"communeId":"commune:80523","changeKind":false},{"index":1,"id":"bpifrance","kind":"FUNDER","label":"Funder","otherLabels":["Institute","University","Company","Cluster","Chamber","LocalAuthority","Region"],"props":{"name":"Bpifrance","searchNames":["bpifrance"],"searchText":"bpifrance"},"source":null,"setCommune":true,"communeId":null,"changeKind":false}],"p1":3}"
    `);
  });

  it('link: MERGE one relationship of a validated type between two existing nodes', async () => {
    expect(
      await translate(`mutation { link(input: { from: "bpifrance", to: "innovent-e", type: "SUPPORTS", properties: { since: 2012, scope: "IDEFI" } }) { type properties other { id } } }`),
    ).toMatchInlineSnapshot(`
      "OPTIONAL MATCH (a:Entity {id: $p0})
      OPTIONAL MATCH (b:Entity {id: $p1})
      WITH a, b, labels(a) AS fromLabels, labels(b) AS toLabels
      OPTIONAL CALL (a, b, fromLabels, toLabels) {
        WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
          AND any(l IN fromLabels WHERE l IN $p2) AND any(l IN toLabels WHERE l IN $p3)
        MERGE (a)-[r:$($p4)]->(b)
          ON CREATE SET r.source = 'api'
        SET r += $p5
        RETURN { type: type(r), direction: 'OUT', properties: properties(r), other: b { .id, .name, .kind, labels: labels(b) } } AS link
      }
      RETURN fromLabels, toLabels, link
      --- WRITE {"p0":"bpifrance","p1":"innovent-e","p2":["Actor"],"p3":["Actor","Program","Event"],"p4":"SUPPORTS","p5":{"since":2012,"scope":"IDEFI"}}"
    `);
  });

  it('unlink', async () => {
    expect(await translate(`mutation { unlink(input: { from: "bpifrance", to: "innovent-e", type: "SUPPORTS" }) }`)).toMatchInlineSnapshot(`
      "OPTIONAL MATCH (a:Entity {id: $p0})
      OPTIONAL MATCH (b:Entity {id: $p1})
      CALL (a, b) {
        OPTIONAL MATCH (a)-[r]->(b) WHERE type(r) = $p2
        DELETE r
        RETURN count(r) AS removed
      }
      RETURN labels(a) AS fromLabels, labels(b) AS toLabels, removed
      --- WRITE {"p0":"bpifrance","p1":"innovent-e","p2":"SUPPORTS"}"
    `);
  });
});
