/**
 * Small helpers every domain slice uses, written once.
 *
 *   round(0.123456, 4)                                   // 0.1235
 *   records.sort(byId)                                    // ascending `id`, code-unit order (as Cypher's ORDER BY)
 *   checkFirst(args.first, { fallback: 10, max: 100, path: ['hubs', 'first'] })
 *   // 10, or BAD_USER_INPUT "`first` must be between 0 and 100." on -1, 1.5 or 101
 */
import { BadInputError } from './errors.ts';

/** Rounds to `decimals` places: scores and costs leave the service with a fixed precision. */
export function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** Orders records by `id` as Neo4j orders strings, so answers are stable whatever the engine. */
export function byId(x: { id: string }, y: { id: string }): number {
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * Every `first` argument: a whole number between 0 and `max` (the default when absent), else
 * BAD_USER_INPUT naming the argument. Never clamped: a caller asking for more than we give learns it.
 */
export function checkFirst(
  value: number | null | undefined,
  { fallback, max, path }: { fallback: number; max: number; path: (string | number)[] },
): number {
  const first = value ?? fallback;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new BadInputError(`\`first\` must be between 0 and ${max}.`, path);
  }
  return first;
}
