/**
 * Structured logs (pino, JSON lines on stderr).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** `npm start` makes it before the configuration is read, then sets the level LOG_LEVEL asks for. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { service: 'maillage' } }, pino.destination(2));
}
