/**
 * Where a running Maillage process's own Neo4j answers, written in its data folder
 * (`run/connection.json`, mode 0600) while it runs, so that `npm run seed` next to `npm start`
 * uses that Neo4j instead of trying to start a second one on the same files and port.
 *
 *   writeConnectionFile(dataDir, 'bolt://127.0.0.1:7690')   // at start-up, by the owner
 *   runningConnection(dataDir)   // { uri, pid } if its owner is alive, else undefined
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RunningConnection {
  uri: string;
  /** The process that owns the Neo4j (the service, or a seed command that started it). */
  pid: number;
}

const fileOf = (dataDir: string) => path.join(dataDir, 'run', 'connection.json');

export function writeConnectionFile(dataDir: string, uri: string): void {
  mkdirSync(path.join(dataDir, 'run'), { recursive: true });
  writeFileSync(fileOf(dataDir), `${JSON.stringify({ uri, pid: process.pid } satisfies RunningConnection)}\n`, { mode: 0o600 });
}

/** Removes the file if this process wrote it. */
export function removeConnectionFile(dataDir: string): void {
  const found = readConnectionFile(dataDir);
  if (found?.pid === process.pid) rmSync(fileOf(dataDir), { force: true });
}

function readConnectionFile(dataDir: string): RunningConnection | undefined {
  const file = fileOf(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningConnection>;
    return typeof raw.uri === 'string' && typeof raw.pid === 'number' ? { uri: raw.uri, pid: raw.pid } : undefined;
  } catch {
    return undefined;
  }
}

/** The connection of a live owner, other than this process; a file left by a dead one is ignored. */
export function runningConnection(dataDir: string): RunningConnection | undefined {
  const found = readConnectionFile(dataDir);
  if (!found || found.pid === process.pid) return undefined;
  try {
    process.kill(found.pid, 0);
    return found;
  } catch (err) {
    // EPERM: alive, but another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? found : undefined;
  }
}
