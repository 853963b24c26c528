/**
 * A Neo4j server this process starts and owns: it never outlives us.
 *
 *   const server = await startOwnedNeo4j({ dataDir: '.neo4j/local', boltPort: 7690 });
 *   server.uri      // "bolt://127.0.0.1:7690"
 *   await server.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { projectRoot, toolchain } from '../config.ts';
import { ensureDistribution } from './distribution.ts';

export interface OwnedNeo4jOptions {
  dataDir: string;
  boltPort: number;
  heap?: string;
  pagecache?: string;
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface OwnedNeo4j {
  uri: string;
  boltPort: number;
  dataDir: string;
  pid: number | undefined;
  /** Stops the JVM cleanly (SIGTERM, then SIGKILL after 30 s). */
  stop(): Promise<void>;
  /** Kills the JVM at once, as a crash would (for durability tests). */
  kill(): Promise<void>;
  /** Resolves when the process has exited, for whatever reason. */
  exited: Promise<number | null>;
}

export class Neo4jStartError extends Error {
  override name = 'Neo4jStartError';
}

function writeConfig(dataDir: string, boltPort: number, pagecache: string, pluginsDir: string): string {
  const confDir = path.join(dataDir, 'conf');
  for (const dir of ['conf', 'data', 'logs', 'run', 'import']) mkdirSync(path.join(dataDir, dir), { recursive: true });
  const conf = [
    '# Written by Maillage at each start: edit src/neo4j/owned-server.ts, not this file.',
    'server.default_listen_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=false',
    'server.https.enabled=false',
    // The owned server listens on loopback only and is reached by this process alone.
    'dbms.security.auth_enabled=false',
    `server.directories.data=${path.join(dataDir, 'data')}`,
    `server.directories.logs=${path.join(dataDir, 'logs')}`,
    `server.directories.run=${path.join(dataDir, 'run')}`,
    `server.directories.import=${path.join(dataDir, 'import')}`,
    `server.directories.plugins=${pluginsDir}`,
    `server.memory.pagecache.size=${pagecache}`,
    'dbms.usage_report.enabled=false',
    'dbms.security.procedures.unrestricted=gds.*,apoc.*',
    'dbms.security.procedures.allowlist=gds.*,apoc.*',
    // LOAD CSV from the import directory is how the seeding benchmark's peer loads data.
    'dbms.security.allow_csv_import_from_file_urls=true',
    'db.transaction.timeout=120s',
    'db.logs.query.enabled=OFF',
    '',
  ].join('\n');
  writeFileSync(path.join(confDir, 'neo4j.conf'), conf);
  return confDir;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free loopback port, for test runs that each own a server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function explainExit(output: string, code: number | null): string {
  if (/Address already in use|BindException/.test(output)) return 'its Bolt port is already in use (another Neo4j?)';
  if (/lock|Lock file has been locked|StoreLockException/i.test(output))
    return 'its data directory is locked by another Neo4j process using the same folder';
  if (/UnsupportedClassVersionError/.test(output)) return 'this Java is too old: Neo4j 5.26 needs Java 17 or 21';
  if (/OutOfMemoryError|Could not reserve enough space/.test(output))
    return 'the JVM could not get its memory: lower NEO4J_HEAP / NEO4J_PAGECACHE';
  return `the JVM exited with code ${code}`;
}

export async function startOwnedNeo4j(options: OwnedNeo4jOptions): Promise<OwnedNeo4j> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const heap = options.heap ?? '1g';
  const pagecache = options.pagecache ?? '512m';
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const { boltPort } = options;
  const dataDir = path.resolve(options.dataDir);

  const dist = await ensureDistribution({ log });
  if (!(await portIsFree(boltPort))) {
    throw new Neo4jStartError(
      `Cannot start the local Neo4j: port ${boltPort} on 127.0.0.1 is taken. Stop what uses it, set NEO4J_BOLT_PORT to another port, or set NEO4J_URI to use that server.`,
    );
  }
  const confDir = writeConfig(dataDir, boltPort, pagecache, dist.plugins);
  const javaArgs = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--enable-native-access=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '-cp',
    dist.classpath,
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${dataDir}`,
    `--config-dir=${confDir}`,
    '--console-mode',
  ];
  const java = toolchain().java;
  const wrapper = path.join(projectRoot, 'neo4j', 'run-owned.sh');
  const started = Date.now();
  log(`Starting Neo4j on bolt://127.0.0.1:${boltPort} (data in ${dataDir}) ...`);
  const child: ChildProcess = spawn(wrapper, [java, ...javaArgs], {
    // stdin stays open as our lifeline: when this process dies, the wrapper stops the JVM.
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: false,
    env: { ...process.env, MAILLAGE_JVM_PID_FILE: path.join(dataDir, 'run', 'owned-jvm.pid') },
  });
  let output = '';
  const capture = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  // The pipe must not keep the event loop alive, nor crash us if the wrapper exits first.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Neo4jStartError(`Cannot start the local Neo4j: ${err.message}`)),
    ),
  );
  spawnError.catch(() => undefined);

  const uri = `bolt://127.0.0.1:${boltPort}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Kill the JVM itself (the wrapper's child), as a power cut would.
    const pidFile = path.join(dataDir, 'run', 'owned-jvm.pid');
    const jvmPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined;
    if (jvmPid) {
      try {
        process.kill(jvmPid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    child.kill('SIGKILL');
    await exited;
  };

  const driver = neo4j.driver(uri, undefined, { logging: { level: 'error', logger: () => undefined } });
  try {
    const deadline = started + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) {
        const javaMissing = /java: (command )?not found|No such file/.test(output);
        throw new Neo4jStartError(
          `The local Neo4j did not start: ${javaMissing ? 'Java is not installed (Neo4j 5.26 needs Java 17 or 21 on the PATH, or JAVA_HOME)' : explainExit(output, child.exitCode)}.\nLast output:\n${output.split('\n').slice(-15).join('\n')}`,
        );
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Neo4jStartError(
          `The local Neo4j did not answer on ${uri} within ${timeoutMs / 1000} s (see ${path.join(dataDir, 'logs')}). Last output:\n${output.split('\n').slice(-15).join('\n')}`,
        );
      }
      const ready = await Promise.race([
        driver.verifyConnectivity().then(
          () => true,
          () => false,
        ),
        spawnError,
      ]);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    await driver.close();
  }
  log(`Neo4j ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { uri, boltPort, dataDir, pid: child.pid, stop, kill, exited };
}
