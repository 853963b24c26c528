/**
 * A synthetic network for benchmarks: `relationships` stored relationships between actors and events.
 *
 *   await generateSyntheticNetwork(db, 10_000)   // 9,9xx (a few self-pairs are skipped)
 *
 * Actors in 50 communes of one fictional région (1 university in 10, 1 cluster in 25, the rest
 * companies), 90% PARTNER_OF (4 in 5 inside blocks of 100 actors, the rest anywhere), 10%
 * PARTICIPATED_IN events of 5 actors; 5 relationships per actor. Replaces earlier synthetic data.
 */
import type { Database } from '../src/neo4j/database.ts';

const BATCH = 20_000;

export async function generateSyntheticNetwork(db: Database, relationships: number): Promise<number> {
  await db.write('MATCH (n:Entity) WHERE n.synthetic CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS').catch(async () => {
    // Managed transactions refuse IN TRANSACTIONS: delete by batches instead.
    for (;;) {
      const [row] = await db.write<{ n: number }>('MATCH (n:Entity) WHERE n.synthetic WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n');
      if (!row || row.n === 0) break;
    }
  });
  const actors = Math.round(relationships / 5);
  await db.write(
    `CREATE (r:Entity:Territory:Region {id: 'syn:region:1', name: 'Synthetic région', synthetic: true})
     WITH r UNWIND range(0, 49) AS c
     CREATE (:Entity:Territory:Commune {id: 'syn:commune:' + c, name: 'Commune ' + c, synthetic: true})-[:PART_OF]->(r)`,
  );
  for (let from = 0; from < actors; from += BATCH) {
    await db.write(
      `UNWIND range(toInteger($from), toInteger($to) - 1) AS i
       WITH i, CASE WHEN i % 10 = 0 THEN 'UNIVERSITY' WHEN i % 25 = 1 THEN 'CLUSTER' ELSE 'COMPANY' END AS kind
       MATCH (c:Commune {id: 'syn:commune:' + (i % 50)})
       CALL apoc.create.node(['Entity', 'Actor', CASE kind WHEN 'UNIVERSITY' THEN 'University' WHEN 'CLUSTER' THEN 'Cluster' ELSE 'Company' END],
         {id: 'syn:actor:' + i, name: 'Actor ' + i, kind: kind, synthetic: true, source: 'synthetic',
          innovates: i % 3 = 0, exports: i % 7 = 0, employees: i % 500}) YIELD node
       CREATE (node)-[:LOCATED_IN]->(c)`,
      { from, to: Math.min(actors, from + BATCH) },
    );
  }
  const direct = Math.round(relationships * 0.9);
  for (let done = 0; done < direct; done += BATCH) {
    await db.write(
      `UNWIND range(1, toInteger($count)) AS j
       WITH toInteger(rand() * $actors) AS a
       WITH a, CASE WHEN rand() < 0.8 THEN a - a % 100 + toInteger(rand() * 100) ELSE toInteger(rand() * $actors) END AS b
       WITH a, CASE WHEN b >= $actors THEN b % toInteger($actors) ELSE b END AS b WHERE a <> b
       MATCH (x:Actor {id: 'syn:actor:' + a}), (y:Actor {id: 'syn:actor:' + b})
       CREATE (x)-[:PARTNER_OF {source: 'synthetic'}]->(y)`,
      { count: Math.min(BATCH, direct - done), actors },
    );
  }
  const events = Math.round((relationships - direct) / 5);
  for (let from = 0; from < events; from += BATCH / 5) {
    await db.write(
      `UNWIND range(toInteger($from), toInteger($to) - 1) AS e
       CREATE (ev:Entity:Event {id: 'syn:event:' + e, name: 'Event ' + e, synthetic: true})
       WITH ev, e UNWIND range(0, 4) AS k
       MATCH (x:Actor {id: 'syn:actor:' + ((e * 37 + k * 13 + toInteger(rand() * 50)) % toInteger($actors))})
       CREATE (x)-[:PARTICIPATED_IN {source: 'synthetic'}]->(ev)`,
      { from, to: Math.min(events, from + BATCH / 5), actors },
    );
  }
  const [row] = await db.read<{ r: number }>('MATCH (:Actor {synthetic: true})-[r]->() WHERE type(r) <> "LOCATED_IN" RETURN count(r) AS r');
  return row?.r ?? 0;
}

