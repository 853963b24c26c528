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
      OPTIONAL MATCH (commune:Entity:Commune {id: row.communeId})
      WITH row, existing, commune, CASE WHEN existing IS NULL THEN null ELSE apoc.map.merge(apoc.map.removeKeys(properties(existing), ['searchNames','searchText','presentIn','seatIn']), {communeId: COLLECT { MATCH (existing)-[:LOCATED_IN]->(cc:Commune) RETURN cc.id LIMIT 1 }[0], version: coalesce(existing.version, 0)}) END AS existingNow
      WITH collect(CASE
        WHEN existing IS NOT NULL AND NOT existing:Actor THEN {index: row.index, field: 'id', problem: 'not-actor', value: row.id}
        WHEN existing:Territory AND existing.kind <> row.kind THEN {index: row.index, field: 'kind', problem: 'territory-kind', value: existing.kind}
        WHEN existing:Actor AND existing.kind <> row.kind AND NOT row.changeKind THEN {index: row.index, field: 'kind', problem: 'kind-change', value: existing.kind}
        WHEN row.communeId IS NOT NULL AND commune IS NULL THEN {index: row.index, field: 'communeId', problem: 'no-commune', value: row.communeId}
        WHEN row.expectedVersion IS NOT NULL AND (existing IS NULL OR coalesce(existing.version, 0) <> row.expectedVersion)
          THEN {index: row.index, field: 'expectedVersion', problem: 'conflict', value: row.id, current: existingNow}
      END) AS problems
      CALL (problems) {
        WITH problems WHERE size(problems) = 0
        UNWIND $p0 AS row
        OPTIONAL MATCH (old:Entity:Actor {id: row.id})
        WITH row, CASE WHEN old IS NULL THEN null ELSE apoc.map.merge(apoc.map.removeKeys(properties(old), ['searchNames','searchText','presentIn','seatIn']), {communeId: COLLECT { MATCH (old)-[:LOCATED_IN]->(cc:Commune) RETURN cc.id LIMIT 1 }[0], version: coalesce(old.version, 0)}) END AS before, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS restore
        MERGE (a:Entity {id: row.id})
          ON CREATE SET a.source = coalesce(row.source, 'api')
        SET a:Actor, a:$(row.label), a += row.props, a.kind = row.kind, a.source = coalesce(row.source, a.source),
          a.version = coalesce(a.version, 0) + 1
        REMOVE a:$(row.otherLabels)
        WITH a, row, before, restore
        CALL (a, row) {
          WITH a, row WHERE row.setCommune
          MATCH (a)-[old:LOCATED_IN]->()
          DELETE old
        }
        CALL (a, row) {
          WITH a, row WHERE row.communeId IS NOT NULL
          MATCH (c:Entity:Commune {id: row.communeId})
          MERGE (a)-[located:LOCATED_IN]->(c)
            ON CREATE SET located.source = coalesce(row.source, 'api')
        }
        WITH a, before, restore, CASE WHEN a IS NULL THEN null ELSE apoc.map.merge(apoc.map.removeKeys(properties(a), ['searchNames','searchText','presentIn','seatIn']), {communeId: COLLECT { MATCH (a)-[:LOCATED_IN]->(cc:Commune) RETURN cc.id LIMIT 1 }[0], version: coalesce(a.version, 0)}) END AS after
        CREATE (change:Change {id: randomUUID(), at: datetime(), by: $p1, operation: CASE WHEN before IS NULL THEN 'CREATE_ACTOR' ELSE 'UPDATE_ACTOR' END, actorId: a.id, otherId: null, linkType: null, before: CASE WHEN before IS NULL THEN null ELSE apoc.convert.toJson(before) END, after: CASE WHEN after IS NULL THEN null ELSE apoc.convert.toJson(after) END, restore: CASE WHEN restore IS NULL THEN null ELSE apoc.convert.toJson(restore) END, undoes: null})
        WITH count(*) AS written
        CALL () {
          CALL () {
            MATCH (presenceNode:Entity)
            USING INDEX presenceNode:Entity(id)
            WHERE presenceNode.id IN [row IN $p0 | row.id]
            CALL (presenceNode) {
              WITH presenceNode WHERE presenceNode:Actor RETURN presenceNode AS presenceActor
              UNION
              MATCH (presenceNode:Event)-[:PART_OF*0..2]->(:Event)<-[:ORGANIZED|PARTICIPATED_IN|LED]-(presenceActor:Actor) RETURN presenceActor
            }
            RETURN presenceActor
            UNION
            MATCH (presenceNode:Entity:Territory)
            USING INDEX presenceNode:Entity(id)
            WHERE presenceNode.id IN []
              AND (presenceNode:Actor OR EXISTS { (presenceNode)<-[:PART_OF|LOCATED_IN|HELD_IN|SERVES]-() })
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
        MATCH (a:Entity:Actor {id: row.id})
        RETURN a { .id, .name, .kind, labels: labels(a), _fetched: {
          \`links\`: COLLECT {
            MATCH (a)-[r0]-(o0)
            WITH r0, o0, CASE WHEN startNode(r0) = a THEN 'OUT' ELSE 'IN' END AS d0
            ORDER BY type(r0), o0.id, d0
            LIMIT toInteger($p2)
            RETURN { type: type(r0), direction: d0, other: o0 { .id, .name, .kind, labels: labels(o0) } }
          }
        } }
      } ELSE [] END AS actors
      --- WRITE {"p0":[{"index":0,"id":"altytud","kind":"COMPANY","label":"Company","otherLabels":["Institute","University","Cluster","Funder","Chamber","LocalAuthority","Region"],"props":{"name":"Altytud","employees":12,"searchNames":["altytud"],"searchText":"altytud"},"source":null,"setCommune":true,"communeId":"commune:80523","changeKind":false,"expectedVersion":null},{"index":1,"id":"bpifrance","kind":"FUNDER","label":"Funder","otherLabels":["Institute","University","Company","Cluster","Chamber","LocalAuthority","Region"],"props":{"name":"Bpifrance","searchNames":["bpifrance"],"searchText":"bpifrance"},"source":null,"setCommune":true,"communeId":null,"changeKind":false,"expectedVersion":null}],"p1":"tck","p2":3}"
    `);
  });

  it('link: MERGE one relationship of a validated type between two existing nodes', async () => {
    expect(
      await translate(`mutation { link(input: { from: "bpifrance", to: "innovent-e", type: "SUPPORTS", properties: { since: 2012, scope: "IDEFI" } }) { type properties other { id } } }`),
    ).toMatchInlineSnapshot(`
      "OPTIONAL MATCH (a:Entity {id: $p1})
      OPTIONAL MATCH (b:Entity {id: $p2})
      WITH a, b, labels(a) AS fromLabels, labels(b) AS toLabels
      OPTIONAL CALL (a, b, fromLabels, toLabels) {
        WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
          AND any(l IN fromLabels WHERE l IN $p3) AND any(l IN toLabels WHERE l IN $p4)
        WITH a, b, head(COLLECT { MATCH (a)-[o]->(b) WHERE type(o) = $p5 RETURN properties(o) }) AS before
        MERGE (a)-[r:$($p5)]->(b)
          ON CREATE SET r.source = 'api'
        SET r += $p6
        // Writing a link again with the same properties changes nothing: nothing to record.
        FOREACH (_ IN CASE WHEN before IS NULL OR before <> properties(r) THEN [1] ELSE [] END |
          CREATE (change:Change {id: randomUUID(), at: datetime(), by: $p0, operation: 'LINK', actorId: a.id, otherId: b.id, linkType: type(r), before: CASE WHEN before IS NULL THEN null ELSE apoc.convert.toJson(before) END, after: CASE WHEN properties(r) IS NULL THEN null ELSE apoc.convert.toJson(properties(r)) END, restore: null, undoes: null})
        )
        RETURN { type: type(r), direction: 'OUT', properties: properties(r), other: b { .id, .name, .kind, labels: labels(b) } } AS link
      }
      RETURN fromLabels, toLabels, link
      --- WRITE {"p0":"tck","p1":"bpifrance","p2":"innovent-e","p3":["Actor"],"p4":["Actor","Program","Event"],"p5":"SUPPORTS","p6":{"since":2012,"scope":"IDEFI"}}"
    `);
  });

  it('unlink', async () => {
    expect(await translate(`mutation { unlink(input: { from: "bpifrance", to: "innovent-e", type: "SUPPORTS" }) }`)).toMatchInlineSnapshot(`
      "OPTIONAL MATCH (a:Entity {id: $p2})
      OPTIONAL MATCH (b:Entity {id: $p3})
      CALL (a, b) {
        OPTIONAL MATCH (a)-[r]->(b) WHERE type(r) = $p1
        WITH a, b, r, CASE WHEN r IS NULL THEN null ELSE properties(r) END AS before
        DELETE r
        FOREACH (_ IN CASE WHEN before IS NULL THEN [] ELSE [1] END |
          CREATE (change:Change {id: randomUUID(), at: datetime(), by: $p0, operation: 'UNLINK', actorId: a.id, otherId: b.id, linkType: $p1, before: CASE WHEN before IS NULL THEN null ELSE apoc.convert.toJson(before) END, after: null, restore: null, undoes: null})
        )
        RETURN count(before) AS removed
      }
      RETURN labels(a) AS fromLabels, labels(b) AS toLabels, removed
      --- WRITE {"p0":"tck","p1":"SUPPORTS","p2":"bpifrance","p3":"innovent-e"}"
    `);
  });
});
