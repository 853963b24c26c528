// GraphQL in, Cypher out: the actors connection under each combination of arguments.
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/actors/cursor.ts';
import { translate } from './translate.ts';

describe('actors(...)', () => {
  it('no argument: every actor by id, one more than the page to know if another follows', async () => {
    expect(await translate(`{ actors { totalCount edges { cursor node { id name } } } }`)).toMatchInlineSnapshot(`
      "RETURN true AS found,
      COUNT { (:Actor) } - COUNT {
        MATCH (t0:Territory)
        USING INDEX t0:Territory(kind)
        WHERE t0.kind IS NOT NULL AND t0:Actor AND NOT EXISTS { (t0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] }
      } AS total,
      COLLECT {
        MATCH (a0:Actor)
        USING INDEX a0:Actor(id)
        WHERE a0.id IS NOT NULL AND (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
        WITH a0 ORDER BY a0.id LIMIT toInteger($limit)
        RETURN { rank: [0, 0], node: a0 { .id, .name, .kind, labels: labels(a0) } }
      } AS page
      --- READ {"limit":21}"
    `);
  });

  it('kinds and after: a keyset on id, not an offset', async () => {
    const after = encodeCursor({ rank: [0, 0], id: 'cci-aisne' });
    expect(await translate(`query($after: String) { actors(kinds: [COMPANY, CLUSTER], first: 5, after: $after) { edges { node { id } } } }`, { after })).toMatchInlineSnapshot(`
      "RETURN true AS found,
      COLLECT {
        CALL () {
          MATCH (a0:Cluster)
          USING INDEX a0:Cluster(id)
          WHERE a0.id > $afterId AND a0:Actor AND (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
          WITH a0 ORDER BY a0.id LIMIT toInteger($limit)
          RETURN a0
          UNION
          MATCH (a0:Company)
          USING INDEX a0:Company(id)
          WHERE a0.id > $afterId AND a0:Actor AND (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
          WITH a0 ORDER BY a0.id LIMIT toInteger($limit)
          RETURN a0
        }
        WITH a0 ORDER BY a0.id LIMIT toInteger($limit)
        RETURN { rank: [0, 0], node: a0 { .id, .name, .kind, labels: labels(a0) } }
      } AS page
      --- READ {"limit":6,"kinds":["COMPANY","CLUSTER"],"afterId":"cci-aisne"}"
    `);
  });

  it('search: the full-text index, exact names first, a keyset on (tier, name length, id)', async () => {
    const after = encodeCursor({ rank: [1, 12], id: 'utc' });
    expect(await translate(`query($after: String) { actors(search: "Méaulte", first: 3, after: $after) { edges { node { id } } } }`, { after })).toMatchInlineSnapshot(`
      "RETURN true AS found,
      COLLECT {
        CALL db.index.fulltext.queryNodes('actor_names', $lucene) YIELD node AS a0
        WHERE a0:Actor
          AND (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
        WITH a0, coalesce(a0.searchNames, [apoc.text.clean(a0.name), apoc.text.clean(coalesce(a0.shortName, ''))]) AS names0
        WITH a0, CASE
            WHEN any(s IN names0 WHERE s = $words OR replace(s, ' ', '') = $joined) OR $joined IN [] THEN 0
            WHEN any(s IN names0 WHERE s STARTS WITH $words + ' ') THEN 1
            WHEN any(s IN names0 WHERE replace(s, ' ', '') STARTS WITH $joined) THEN 2
            ELSE 3 END AS tier0,
          size(a0.name) AS len0
        WHERE tier0 > $afterTier OR (tier0 = $afterTier AND (len0 > $afterLen OR (len0 = $afterLen AND a0.id > $afterId)))
        WITH a0, tier0, len0 ORDER BY tier0, len0, a0.id LIMIT toInteger($limit)
        RETURN { rank: [tier0, len0], node: a0 { .id, .name, .kind, labels: labels(a0) } }
      } AS page
      --- READ {"limit":4,"lucene":"(meaulte*)","words":"meaulte","joined":"meaulte","afterId":"utc","afterTier":1,"afterLen":12}"
    `);
  });

  it('within: from the territory down PART_OF to its communes and their actors', async () => {
    expect(await translate(`{ actors(within: "department:80") { totalCount edges { node { id } } } }`)).toMatchInlineSnapshot(`
      "OPTIONAL MATCH (scope:Entity:Territory {id: $within})
      WITH scope IS NOT NULL AS found, [members0 IN [COLLECT {
        CALL (scope) {
          CALL (scope) {
            WITH scope WHERE scope IS NOT NULL CALL db.index.fulltext.queryNodes('actor_presence', 'presentIn' + ':"' + scope.id + '"') YIELD node AS a0 RETURN a0
            UNION
            MATCH (scope)-[:PART_OF*1..3]->(:Territory)<-[:SERVES]-(a0:Actor) RETURN a0
          }
          WITH a0 WHERE (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
          RETURN a0
        }
        WITH a0
        RETURN a0
      }] | {
        total: size(members0),
        page: COLLECT {
          UNWIND members0 AS a0
          WITH a0
          ORDER BY a0.id LIMIT toInteger($limit)
          RETURN { rank: [0, 0], node: a0 { .id, .name, .kind, labels: labels(a0) } }
        }
      }][0] AS connection
      RETURN found, connection.total AS total, connection.page AS page
      --- READ {"limit":21,"within":"department:80"}"
    `);
  });

  it('within and search: the index first, then the territory as a filter', async () => {
    expect(await translate(`{ actors(within: "region:32", search: "utc") { edges { node { id } } } }`)).toMatchInlineSnapshot(`
      "OPTIONAL MATCH (scope:Entity:Territory {id: $within})
      RETURN scope IS NOT NULL AS found,
      COLLECT {
        CALL db.index.fulltext.queryNodes('actor_names', $lucene) YIELD node AS a0
        WHERE a0:Actor
          AND (scope.id IN a0.presentIn
          OR EXISTS { (scope)-[:PART_OF*1..3]->(:Territory)<-[:SERVES]-(a0) })
          AND (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
        WITH a0, coalesce(a0.searchNames, [apoc.text.clean(a0.name), apoc.text.clean(coalesce(a0.shortName, ''))]) AS names0
        WITH a0, CASE
            WHEN any(s IN names0 WHERE s = $words OR replace(s, ' ', '') = $joined) OR $joined IN [] THEN 0
            WHEN any(s IN names0 WHERE s STARTS WITH $words + ' ') THEN 1
            WHEN any(s IN names0 WHERE replace(s, ' ', '') STARTS WITH $joined) THEN 2
            ELSE 3 END AS tier0,
          size(a0.name) AS len0
        WITH a0, tier0, len0 ORDER BY tier0, len0, a0.id LIMIT toInteger($limit)
        RETURN { rank: [tier0, len0], node: a0 { .id, .name, .kind, labels: labels(a0) } }
      } AS page
      --- READ {"limit":21,"within":"region:32","lucene":"(utc*)","words":"utc","joined":"utc"}"
    `);
  });

  it('nested: links of each actor of the page and links of their other ends, in the same query', async () => {
    expect(
      await translate(`{ actors(first: 2) { edges { node { id links(first: 5) { type other { id ... on Actor { links(first: 5) { other { id } } } } } } } } }`),
    ).toMatchInlineSnapshot(`
      "RETURN true AS found,
      COLLECT {
        MATCH (a0:Actor)
        USING INDEX a0:Actor(id)
        WHERE a0.id IS NOT NULL AND (NOT a0:Territory OR EXISTS { (a0)-[presenceRel]-() WHERE NOT type(presenceRel) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
        WITH a0 ORDER BY a0.id LIMIT toInteger($limit)
        RETURN { rank: [0, 0], node: a0 { .id, .name, .kind, labels: labels(a0), _fetched: {
          \`links\`: COLLECT {
            MATCH (a0)-[r0]-(o0)
            WITH r0, o0, CASE WHEN startNode(r0) = a0 THEN 'OUT' ELSE 'IN' END AS d0
            ORDER BY type(r0), o0.id, d0
            LIMIT toInteger($p1)
            RETURN { type: type(r0), direction: d0, other: o0 { .id, .name, .kind, labels: labels(o0), _fetched: {
              \`links\`: COLLECT {
                MATCH (o0)-[r1]-(o1)
                WITH r1, o1, CASE WHEN startNode(r1) = o0 THEN 'OUT' ELSE 'IN' END AS d1
                ORDER BY type(r1), o1.id, d1
                LIMIT toInteger($p2)
                RETURN { type: type(r1), direction: d1, other: o1 { .id, .name, .kind, labels: labels(o1) } }
              }
            } } }
          }
        } } }
      } AS page
      --- READ {"limit":3,"p1":5,"p2":5}"
    `);
  });

  it('totalCount: counted only when selected, however it is selected', async () => {
    // A count is a COUNT subquery, or the size of a territory's members found once for count and page.
    const counts = async (query: string, variables: Record<string, unknown> = {}) => /COUNT \{|size\(members\d+\)/.test(await translate(query, variables));
    expect(await counts('{ actors { edges { node { id } } } }')).toBe(false);
    expect(await counts('{ actors { totalCount } }')).toBe(true);
    expect(await counts('{ actors { ...T } } fragment T on ActorConnection { totalCount }')).toBe(true);
    expect(await counts('query($c: Boolean!) { actors { totalCount @include(if: $c) } }', { c: false })).toBe(false);
    expect(await counts('query($c: Boolean!) { actors { totalCount @include(if: $c) } }', { c: true })).toBe(true);
    expect(await counts('{ territory(id: "department:80") { actors { edges { node { id } } } } }')).toBe(false);
    expect(await counts('{ territory(id: "department:80") { actors { n: totalCount } } }')).toBe(true);
  });
});
