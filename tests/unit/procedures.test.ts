// An owned Neo4j registers only the APOC and GDS procedures listed in src/neo4j/procedures.ts:
// every call the code makes must be among them, or it fails at run time with "no procedure".
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { PROCEDURES, isAllowedProcedure } from '../../src/neo4j/procedures.ts';

// A dotted name called like a procedure or function: `apoc.coll.toSet(`, `CALL gds.wcc.stream(`.
const CALL = /(?<![\w$])((?:apoc|gds)\.[a-z]\w*(?:\.[a-z]\w*)+)(?=\s*\()/g;
// JavaScript that reads like a call: a test's result object named `gds`.
const NOT_CYPHER = new Set(['gds.hubsByDegree.slice']);

/** The code files under `dir` (bench/results holds Markdown only). */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|cypher)$/.test(name))
    .map((name) => path.join(dir, name));
}

describe('the procedures an owned Neo4j registers', () => {
  it('cover every APOC and GDS call in the code, its benchmarks and its tests', () => {
    const called = new Set<string>();
    for (const dir of ['src', 'bench', 'tests', 'scripts']) {
      for (const file of sources(path.join(projectRoot, dir))) {
        for (const [, name] of readFileSync(file, 'utf8').matchAll(CALL)) if (!NOT_CYPHER.has(name!)) called.add(name!);
      }
    }
    // The scan finds what it must (a scan that finds nothing would pass whatever the list says).
    expect(called).toContain('apoc.coll.toSet');
    expect(called).toContain('gds.graph.project');
    expect([...called].filter((name) => !isAllowedProcedure(name))).toEqual([]);
  });

  it('match as Neo4j matches: a star spans dots, anything else is literal', () => {
    expect(isAllowedProcedure('gds.graph.nodeProperty.stream')).toBe(true);
    expect(isAllowedProcedure('apoc.node.degree')).toBe(true);
    expect(isAllowedProcedure('apoc.node.degreeIn')).toBe(false);
    expect(isAllowedProcedure('apoc.periodic.iterate')).toBe(false);
    expect(isAllowedProcedure('gds.shortestPath.yens.stream')).toBe(false);
    expect(isAllowedProcedure('apocXcoll.toSet')).toBe(false);
    expect(PROCEDURES.every((p) => /^(apoc|gds)\./.test(p))).toBe(true);
  });
});
