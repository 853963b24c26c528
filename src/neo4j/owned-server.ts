/**
 * A Neo4j server this process starts and owns: it never outlives us.
 *
 *   const server = await startOwnedNeo4j({ dataDir: '.neo4j/local', boltPort: 7690 });
 *   server.uri      // "bolt://127.0.0.1:7690"
 *   connect({ ...server.connection, database: 'neo4j' });   // user neo4j, the generated password
 *   await server.stop();
 *
 * Authentication is on: Bolt listens on loopback, but any local process could otherwise run any
 * Cypher and skip the service's roles. The password is generated at the first start and kept in
 * `<dataDir>/neo4j-password` (mode 0600), read again at each start; tools that need the database
 * directly (cypher-shell, the seed command) use it from there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import neo4j, { Neo4jError } from 'neo4j-driver';
import { NEO4J_START_PROBE_MS, projectRoot, toolchain } from '../config.ts';
import { ensureDistribution } from './distribution.ts';
import { PROCEDURES } from './procedures.ts';

export interface OwnedNeo4jOptions {
  dataDir: string;
  boltPort: number;
  heap?: string;
  pagecache?: string;
  startTimeoutMs?: number;
  log?: (line: string) => void;
  /** Called once the JVM has been spawned (npm start loads the rest of the service only then). */
  onSpawn?: () => void;
}

export interface OwnedNeo4j {
  uri: string;
  /** What `connect` needs to reach it: uri, user and password. */
  connection: { uri: string; user: string; password: string };
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

export const OWNED_USER = 'neo4j';
/** Neo4j's own first password, which it makes the first login change. */
const FACTORY_PASSWORD = 'neo4j';

/** Where the owned server's password is kept: in its data folder, readable by its owner only. */
export function passwordFileOf(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'neo4j-password');
}

/** The password of the owned server in `dataDir`: read, or generated and kept on the first start. */
export function ownedPassword(dataDir: string): string {
  const file = passwordFileOf(dataDir);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 8) return kept;
  }
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}

function createFolders(dataDir: string): void {
  for (const dir of ['conf', 'data', 'logs', 'run', 'import']) {
    try {
      mkdirSync(path.join(dataDir, dir), { recursive: true });
    } catch (err) {
      const { code, path: where } = err as NodeJS.ErrnoException;
      const why =
        code === 'EACCES' || code === 'EPERM'
          ? 'this user may not write there'
          : code === 'EROFS'
            ? 'it is on a read-only file system'
            : code === 'ENOTDIR' || code === 'EEXIST'
              ? 'a file stands where a folder is needed'
              : code === 'ENOSPC'
                ? 'the disk is full'
                : `${code ?? 'error'}`;
      throw new Neo4jStartError(
        `Cannot create the local Neo4j's data folder ${dataDir} (MAILLAGE_DATA_DIR): ${why}${where && where !== dataDir ? ` (at ${where})` : ''}. Point MAILLAGE_DATA_DIR at a folder this user can write.`,
      );
    }
  }
}

function writeConfig(dataDir: string, boltPort: number, pagecache: string, pluginsDir: string): string {
  const confDir = path.join(dataDir, 'conf');
  const conf = [
    '# Written by Maillage at each start: edit src/neo4j/owned-server.ts, not this file.',
    'server.default_listen_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    'server.bolt.tls_level=DISABLED',
    'server.http.enabled=false',
    'server.https.enabled=false',
    // Loopback only, and a password: other local processes must not skip the service's roles.
    'dbms.security.auth_enabled=true',
    // No lock-out after failed logins: the password is 192 random bits on loopback, and a client
    // that already has it (a service started before this server's first start) keeps retrying
    // while the factory password is still in place; a lock-out would also lock us out of changing it.
    'dbms.security.auth_max_failed_attempts=0',
    `server.directories.data=${path.join(dataDir, 'data')}`,
    `server.directories.logs=${path.join(dataDir, 'logs')}`,
    `server.directories.run=${path.join(dataDir, 'run')}`,
    `server.directories.import=${path.join(dataDir, 'import')}`,
    `server.directories.plugins=${pluginsDir}`,
    `server.memory.pagecache.size=${pagecache}`,
    'dbms.usage_report.enabled=false',
    // Only the procedures the code calls: Neo4j registers each allowed one at every start.
    `dbms.security.procedures.unrestricted=${PROCEDURES.join(',')}`,
    `dbms.security.procedures.allowlist=${PROCEDURES.join(',')}`,
    // LOAD CSV from the import directory is how the seeding benchmark's peer loads data.
    'dbms.security.allow_csv_import_from_file_urls=true',
    'db.transaction.timeout=120s',
    'db.logs.query.enabled=OFF',
    // A clean stop waited twice for 5 s of quiet in the Bolt server's network threads, after the
    // databases had already closed: 10 s of every stop for nothing.
    'internal.dbms.bolt.netty_server_shutdown_quiet_period=0',
    '',
  ].join('\n');
  writeFileSync(path.join(confDir, 'neo4j.conf'), conf);
  return confDir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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

export function explainExit(output: string, code: number | null): string {
  if (/No space left on device|ENOSPC/i.test(output)) return 'the disk holding its data folder is full (no space left on device)';
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
  // Right after a crash the dead JVM's port may take a moment to come free.
  for (let i = 0; i < 20 && !(await portIsFree(boltPort)); i += 1) await new Promise((r) => setTimeout(r, 250));
  if (!(await portIsFree(boltPort))) {
    throw new Neo4jStartError(
      `Cannot start the local Neo4j: port ${boltPort} on 127.0.0.1 is taken. Stop what uses it, set NEO4J_BOLT_PORT to another port, or set NEO4J_URI to use that server.`,
    );
  }
  createFolders(dataDir);
  const confDir = writeConfig(dataDir, boltPort, pagecache, dist.plugins);
  const password = ownedPassword(dataDir);
  const java = toolchain().java;
  const sharing = classDataSharing(dist.home, dist.classpath, java);
  const javaArgs = [
    ...sharing.args,
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
  options.onSpawn?.();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => sharing.afterExit(code));
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
    // The wrapper is gone at once; the JVM only once the kernel has reaped it (and freed its port).
    for (let i = 0; jvmPid && i < 100 && isAlive(jvmPid); i += 1) await new Promise((r) => setTimeout(r, 100));
  };

  const quiet = { logging: { level: 'error' as const, logger: () => undefined } };
  const driver = neo4j.driver(uri, neo4j.auth.basic(OWNED_USER, password), quiet);
  /** Up, refusing our password (first start: Neo4j still has its factory one), or not up yet. */
  const probe = (): Promise<'up' | 'refused' | 'down'> =>
    driver.verifyConnectivity().then(
      () => 'up',
      (err: unknown) => (err instanceof Neo4jError && /Security\.Unauthorized/.test(err.code) ? 'refused' : 'down'),
    );
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
      const state = await Promise.race([probe(), spawnError]);
      if (state === 'up') break;
      if (state === 'refused') await setFirstPassword(uri, password, dataDir);
      await new Promise((r) => setTimeout(r, NEO4J_START_PROBE_MS));
    }
  } catch (err) {
    await stop();
    throw err;
  } finally {
    await driver.close();
  }
  log(`Neo4j ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { uri, connection: { uri, user: OWNED_USER, password }, boltPort, dataDir, pid: child.pid, stop, kill, exited };
}

/**
 * Class data sharing (the JVM's CDS): Neo4j, GDS and APOC load some 20,000 classes at every start.
 * The first JVM to stop cleanly writes those it loaded to an archive beside the jars (one per
 * classpath and Java); every later start maps it instead of parsing and verifying each class again.
 * An archive that does not fit the JVM is ignored by the JVM itself (-Xshare:auto, the default).
 */
function classDataSharing(home: string, classpath: string, java: string): { args: string[]; afterExit: (code: number | null) => void } {
  const key = createHash('sha256').update(`${classpath}\n${java}\n${process.env.JAVA_HOME ?? ''}`).digest('hex').slice(0, 12);
  const dir = path.join(home, 'cds');
  const archive = path.join(dir, `neo4j-${key}.jsa`);
  // Warnings (an archive of another JVM, a class that cannot be archived) would only fill the log.
  const quiet = ['-Xlog:cds=off', '-Xlog:cds+dynamic=off'];
  if (existsSync(archive)) return { args: [`-XX:SharedArchiveFile=${archive}`, ...quiet], afterExit: () => undefined };
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return { args: [], afterExit: () => undefined };
  }
  // Each JVM writes its own file; the first clean stop publishes it (a rename is atomic).
  const pending = path.join(dir, `neo4j-${key}.${process.pid}.${Date.now()}.jsa.part`);
  return {
    args: [`-XX:ArchiveClassesAtExit=${pending}`, ...quiet],
    afterExit: (code) => {
      try {
        // 0, or 143/130: stopped by SIGTERM/SIGINT, when the JVM writes the archive on its way out (not after SIGKILL).
        if ((code === 0 || code === 143 || code === 130) && existsSync(pending) && !existsSync(archive)) renameSync(pending, archive);
        else rmSync(pending, { force: true });
      } catch {
        /* another JVM published first, or the folder is read-only: no archive this time */
      }
    },
  };
}

/**
 * First start of a data folder: Neo4j's user has its factory password, which it lets log in only
 * to change it. Change it to ours (from the password file); anything else refusing us is reported.
 */
async function setFirstPassword(uri: string, password: string, dataDir: string): Promise<void> {
  const factory = neo4j.driver(uri, neo4j.auth.basic(OWNED_USER, FACTORY_PASSWORD), { logging: { level: 'error', logger: () => undefined } });
  try {
    await factory.executeQuery('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: FACTORY_PASSWORD, new: password }, { database: 'system' });
  } catch (err) {
    if (err instanceof Neo4jError && /Security\.Unauthorized/.test(err.code)) {
      throw new Neo4jStartError(
        `The local Neo4j in ${dataDir} refuses the password kept in ${passwordFileOf(dataDir)}: put its password back in that file, or start from an empty MAILLAGE_DATA_DIR.`,
      );
    }
    // Not up enough yet: the caller probes again.
  } finally {
    await factory.close();
  }
}
