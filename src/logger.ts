/**
 * Structured logs (pino, JSON lines on stderr), gathered and written a few at a time: one system
 * call per line was 12% of a GraphQL request's CPU (docs/benchmarks.md). A line waits at most
 * LOG_FLUSH_MS; what waits when the process exits is written then (pino flushes its destination).
 */
import { type DestinationStream, pino, type Logger } from 'pino';
import { LOG_BUFFER_BYTES, LOG_FLUSH_MS } from './config.ts';

export type { Logger };

function gatheredStderr(): DestinationStream & { flush(cb?: (err?: Error) => void): void } {
  const out = pino.destination({ dest: 2, sync: false, minLength: LOG_BUFFER_BYTES });
  let closed = false;
  out.on('close', () => (closed = true));
  let timer: NodeJS.Timeout | undefined;
  const flushSoon = () => {
    timer = undefined;
    if (!closed) out.flush();
  };
  return {
    write(line: string) {
      out.write(line);
      if (!timer) {
        timer = setTimeout(flushSoon, LOG_FLUSH_MS);
        timer.unref();
      }
    },
    flush: (cb) => (closed ? cb?.() : out.flush(cb)),
  };
}

/** `npm start` makes it before the configuration is read, then sets the level LOG_LEVEL asks for. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { service: 'maillage' } }, gatheredStderr());
}
