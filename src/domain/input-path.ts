/**
 * Writes an argument path the way a user reads it.
 *
 *   formatPath(['input', 2, 'name'])   // 'input[2].name'
 */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
