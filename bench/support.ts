/**
 * What every benchmark prints beside its figures, so that each can be traced and rerun: the commit
 * measured, the machine and its load.
 *
 *   console.log(provenance('npm run bench:load -- --duration 10'));
 *   // Command: `npm run bench:load -- --duration 10`; commit 1a2b3c4; 2 cores (...), 8 GB; Node v24...; load average 1.2, 0.9, 0.7
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { projectRoot } from '../src/config.ts';

/** The commit measured, marked when the working tree differs from it (then the figure is not reproducible from it). */
export function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

export function loadAverage(): string {
  return os.loadavg().map((x) => x.toFixed(1)).join(', ');
}

/** One line naming the command, the commit, the machine and its load average now. */
export function provenance(command: string): string {
  return (
    `Command: \`${command}\`; commit ${commit()}; ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GB; Node ${process.version}; load average ${loadAverage()} (1, 5, 15 min).`
  );
}

/** The command line this process was started with, as `npm run` would show it. */
export function invocation(script: string): string {
  const args = process.argv.slice(2);
  // `npm run x -- args`, but `node bench/x.ts args` (node takes them as they are).
  const separator = script.startsWith('npm ') ? ' -- ' : ' ';
  return `${script}${args.length ? `${separator}${args.join(' ')}` : ''}`;
}

/** A GraphQL response with HTTP 200 can still be an error: `errors` in the body. */
export function hasGraphQLErrors(body: string): boolean {
  return body.startsWith('{"errors"') || body.includes('"errors":[') || body.startsWith('{"error"');
}

/** `--help` / `-h`: prints the usage and exits before anything starts (no Neo4j, no seeding). */
export function helpIfAsked(usage: string): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
}

/** Waits for `url`/ready, up to 300 s: timing a service that is not ready would measure nothing. */
export async function waitUntilReady(url: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the service at ${url} was not ready after 300 s`);
}

/** The resident memory of process `pid` in MB (NaN once it is gone). */
export function rssMbOf(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : NaN;
  } catch {
    return NaN;
  }
}
