/**
 * `npm start` as a user runs it: src/main.ts in a child process with its own local Neo4j, its
 * output gathered, resolved once it serves GraphQL.
 *
 *   const main = await startMain({ PORT: '4001', MAILLAGE_DATA_DIR: dir, ... });
 *   main.output()   // everything it logged so far
 *   await main.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config.ts';

export interface MainProcess {
  child: ChildProcess;
  output(): string;
  /** Ctrl-C, and the process's end. */
  stop(): Promise<void>;
}

export async function startMain(env: Record<string, string>, timeoutMs = 240_000): Promise<MainProcess> {
  const child = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    env: { ...process.env, NEO4J_URI: '', NEO4J_HEAP: '1g', NEO4J_PAGECACHE: '256m', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const main: MainProcess = {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Maillage is serving GraphQL')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) {
      await main.stop();
      throw new Error(`npm start did not serve in time:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return main;
}
