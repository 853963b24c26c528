/**
 * Keeps the owned Neo4j running. When its JVM dies (a crash, the OOM killer, kill -9), the exit is
 * seen at once, logged as an error, and the server is started again on the same port and data
 * folder at once; a restart that fails is tried again after a back-off (NEO4J_RESTART_BACKOFF_MS,
 * doubling, at most 30 s), so a JVM that cannot start does not spin. Listeners hear 'down'
 * at once and 'up' as soon as the new JVM answers, so the availability gate fails requests fast
 * meanwhile and reopens without waiting for a probe (src/neo4j/from-config.ts wires it). After NEO4J_RESTART_ATTEMPTS
 * failed restarts in a row it gives up: `healthy` turns false, /health answers 503, and an
 * orchestrator replaces the instance.
 *
 *   const neo4j = await superviseOwnedNeo4j(options, { attempts: 5, backoffMs: 1000 }, log);
 *   neo4j.healthy()   // false once it has given up
 */
import { type OwnedNeo4j, type OwnedNeo4jOptions, startOwnedNeo4j } from './owned-server.ts';

export type LogAt = (line: string, level?: 'info' | 'warn' | 'error' | 'fatal') => void;

export interface SupervisedNeo4j extends OwnedNeo4j {
  /** False once restarting has been given up. */
  healthy(): boolean;
  /** How many times the JVM has been restarted after dying. */
  readonly restarts: number;
  /** Called with 'down' when the JVM dies and 'up' when a restarted one answers. */
  onStateChange(listener: (state: 'down' | 'up') => void): void;
}

const MAX_BACKOFF_MS = 30_000;

export async function superviseOwnedNeo4j(
  options: OwnedNeo4jOptions,
  policy: { attempts: number; backoffMs: number },
  log: LogAt,
): Promise<SupervisedNeo4j> {
  let current = await startOwnedNeo4j({ ...options, log: (line) => log(line) });
  let stopping = false;
  let gaveUp = false;
  let restarts = 0;
  const listeners: ((state: 'down' | 'up') => void)[] = [];
  const tell = (state: 'down' | 'up') => {
    for (const listener of listeners) listener(state);
  };
  let timer: NodeJS.Timeout | undefined;
  let resolveExited: (code: number | null) => void = () => undefined;
  const exited = new Promise<number | null>((resolve) => {
    resolveExited = resolve;
  });

  const restart = (failures: number) => {
    if (failures >= policy.attempts) {
      gaveUp = true;
      log(
        `Gave up restarting the local Neo4j after ${failures} failed attempt(s) (NEO4J_RESTART_ATTEMPTS): /health now answers 503 so that this instance is replaced.`,
        'fatal',
      );
      resolveExited(null);
      return;
    }
    // A death is usually a one-off (a kill, the OOM killer): the first restart does not wait.
    const wait = failures === 0 ? 0 : Math.min(MAX_BACKOFF_MS, policy.backoffMs * 2 ** (failures - 1));
    timer = setTimeout(() => {
      if (stopping) return;
      log(`Restarting the local Neo4j (attempt ${failures + 1} of ${policy.attempts}) ...`, 'warn');
      startOwnedNeo4j({ ...options, log: (line) => log(line) }).then(
        async (server) => {
          if (stopping) {
            await server.stop();
            return;
          }
          current = server;
          restarts += 1;
          log(`The local Neo4j is back after a restart (pid ${server.pid}).`, 'warn');
          watch(server);
          tell('up');
        },
        (err: unknown) => {
          if (stopping) return;
          log(`Restarting the local Neo4j failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, 'error');
          restart(failures + 1);
        },
      );
    }, wait);
    timer.unref();
  };

  const watch = (server: OwnedNeo4j) => {
    void server.exited.then((code) => {
      if (stopping || server !== current) return;
      log(
        `The local Neo4j died (pid ${server.pid}, exit ${code ?? 'by signal'}): requests get 503 SERVICE_UNAVAILABLE until it is back; restarting it now.`,
        'error',
      );
      tell('down');
      restart(0);
    });
  };
  watch(current);

  return {
    get uri() {
      return current.uri;
    },
    get connection() {
      return current.connection;
    },
    get boltPort() {
      return current.boltPort;
    },
    get dataDir() {
      return current.dataDir;
    },
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    exited,
    healthy: () => !gaveUp,
    onStateChange: (listener) => {
      listeners.push(listener);
    },
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      await current.stop();
      resolveExited(0);
    },
    kill: () => current.kill(),
  };
}
