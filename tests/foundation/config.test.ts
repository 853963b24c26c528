import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration from the environment', () => {
  it('defaults to an owned local Neo4j and port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.kind).toBe('owned');
  });

  it('uses NEO4J_URI when set, with its database', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 's', NEO4J_DATABASE: 'net' });
    expect(config.neo4j).toMatchObject({ kind: 'remote', uri: 'neo4j+s://abc.databases.neo4j.io', database: 'net' });
  });

  it('names each bad variable and what it expects', () => {
    try {
      loadConfig({ PORT: 'http', NEO4J_URI: 'localhost:7687', NEO4J_HEAP: 'lots' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT="http": expects a TCP port/);
      expect(problems).toMatch(/NEO4J_URI="localhost:7687": expects a Neo4j URI/);
      expect(problems).toMatch(/NEO4J_HEAP="lots": expects a JVM memory size/);
    }
  });

  it('asks for a password with a remote server', () => {
    expect(() => loadConfig({ NEO4J_URI: 'neo4j://db.example.org' })).toThrow(/NEO4J_PASSWORD: is required/);
  });
});
