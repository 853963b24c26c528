/**
 * Log lines are gathered, not written one system call each: a line still reaches stderr within
 * LOG_FLUSH_MS while the process runs, and every line is there when it exits.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_FLUSH_MS, projectRoot } from '../../src/config.ts';

const child = `
import { createLogger } from ${JSON.stringify(path.join(projectRoot, 'src', 'logger.ts'))};
const logger = createLogger('info');
logger.info('first');
setTimeout(() => {
  for (let i = 0; i < 2000; i += 1) logger.info({ i }, 'many');
  logger.fatal('last');
  process.exit(1);
}, 1500);
`;

describe('the logger', () => {
  it('writes a line within LOG_FLUSH_MS, and every line by the time the process exits', async () => {
    const started = performance.now();
    const proc = spawn(process.execPath, ['--input-type=module', '-e', child], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    let firstAt: number | undefined;
    proc.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (firstAt === undefined && output.includes('"msg":"first"')) firstAt = performance.now() - started;
    });
    const code = await new Promise((resolve) => proc.once('close', resolve));
    expect(code).toBe(1);
    // The child's own start is included; the line must not wait for the 1.5 s that follow.
    expect(firstAt).toBeLessThan(1500);
    const lines = output.trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    expect(lines.length).toBe(2002);
    expect(lines.filter((l) => l.msg === 'many').length).toBe(2000);
    expect(lines.at(-1)!.msg).toBe('last');
    expect(LOG_FLUSH_MS).toBeLessThan(1000);
  });
});
