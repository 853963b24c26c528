/**
 * SIGTERM (service.stop): stop accepting, let in-flight requests finish, then close the driver.
 */
import net from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startService } from '../../src/service.ts';

describe('a graceful stop', () => {
  it('finishes the request in flight and refuses new connections', async () => {
    const service = await startService(
      loadConfig({ NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), PORT: '0', SEED_ON_START: 'false' }),
      createLogger('silent'),
    );
    const { port } = new URL(service.url);
    const body = JSON.stringify({ query: '{ actors(first: 1) { totalCount } }' });
    // Warm up: Neo4j plans a query the first time it sees it, which is slow on a loaded machine.
    await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    // A client that has sent its headers but not yet its body: the request is in flight.
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise((r) => setTimeout(r, 200));

    const stopped = service.stop();
    await new Promise((r) => setTimeout(r, 300));
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();

    socket.write(body);
    await closed;
    await stopped;
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(answer).toContain('"totalCount"');
  });
});
