/**
 * What every benchmark prints beside its figures, so that each can be traced and rerun: the commit
 * measured, the machine and its load.
 *
 *   console.log(provenance('npm run bench:load -- --duration 10'));
 *   // Command: `npm run bench:load -- --duration 10`; commit 1a2b3c4; 2 cores (...), 8 GB; Node v24...; load average 1.2, 0.9, 0.7
 */
import { execFileSync } from 'node:child_process';
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
  return `${script}${args.length ? ` -- ${args.join(' ')}` : ''}`;
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
