/**
 * The one id rule, for the API (upsertActors, link) and the seeds alike: a slug of letters,
 * digits, `-`, `_`, `.`, `:`, starting with a letter or digit, at most 200 characters. Nothing
 * else, so that an id is safe in a URL, a file name and a log line, and can always be edited
 * through the API once seeded.
 *
 *   isValidId('commune:80016')      // true
 *   isValidId('../../etc/x')        // false
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

export const ID_RULE = 'a slug: letters, digits, `-`, `_`, `.`, `:`, starting with a letter or digit, at most 200 characters';

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
