/**
 * Structured logs (pino, JSON lines on stderr).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'maillage' } }, pino.destination(2));
}
