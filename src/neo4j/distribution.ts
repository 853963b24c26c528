/**
 * The Neo4j jars: assembled from Maven Central by `neo4j/pom.xml` into `.neo4j/dist/`.
 *
 *   const dist = await ensureDistribution({ log: console.log });   // no-op when already there
 *   dist.classpath  // "…/plugins/*:…/lib/*"
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, toolchain } from '../config.ts';

export const NEO4J_VERSION = '5.26.19';

export interface Distribution {
  home: string;
  lib: string;
  plugins: string;
  classpath: string;
}

export function distributionDir(): string {
  return toolchain().neo4jDist;
}

const pomPath = path.join(projectRoot, 'neo4j', 'pom.xml');

/** The pom's content is the version stamp: a changed pom means jars to fetch again. */
function stamp(): string {
  return readFileSync(pomPath, 'utf8');
}

export function describeDistribution(home = distributionDir()): Distribution {
  const lib = path.join(home, 'lib');
  const plugins = path.join(home, 'plugins');
  return { home, lib, plugins, classpath: `${plugins}/*:${lib}/*` };
}

export function isInstalled(home = distributionDir()): boolean {
  const marker = path.join(home, '.installed');
  return existsSync(marker) && readFileSync(marker, 'utf8') === stamp();
}

export class DistributionError extends Error {
  override name = 'DistributionError';
}

/** Runs Maven once to copy the server, GDS and APOC jars; prints one line per downloaded artifact. */
export async function ensureDistribution(
  options: { log?: (line: string) => void; home?: string } = {},
): Promise<Distribution> {
  const home = options.home ?? distributionDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (isInstalled(home)) return describeDistribution(home);

  log(`Assembling Neo4j ${NEO4J_VERSION} (server, Graph Data Science, APOC) from Maven Central into ${home} ...`);
  mkdirSync(home, { recursive: true });
  const started = Date.now();
  let downloaded = 0;
  const tail: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      'mvn',
      ['-B', '--no-transfer-progress', '-f', pomPath, `-Dneo4j.home=${home}`, 'package'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        new DistributionError(
          err.code === 'ENOENT'
            ? 'Maven (mvn) is not on the PATH: install it (apt-get install maven) or set NEO4J_URI to use an existing Neo4j.'
            : `could not run Maven: ${err.message}`,
        ),
      );
    });
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 30) tail.shift();
        if (line.includes('Downloaded from')) {
          downloaded += 1;
          if (downloaded % 25 === 0) log(`  … ${downloaded} artifacts downloaded`);
        }
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) {
    throw new DistributionError(
      `Maven could not assemble Neo4j (exit ${code}). Check access to Maven Central. Last lines:\n${tail.join('\n')}`,
    );
  }
  writeFileSync(path.join(home, '.installed'), stamp());
  log(`Neo4j jars ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${downloaded} artifacts downloaded).`);
  return describeDistribution(home);
}
