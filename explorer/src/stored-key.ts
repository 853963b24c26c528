/**
 * The API key a person signed in with, kept for this tab only (sessionStorage: gone when it closes),
 * never in the URL, so it ends up in no history, bookmark or shared link. One name for every page:
 * signing in on the explorer, the upload page or the campaign page signs in on the others.
 *
 *   keepKey(input.value)   // '' forgets it
 *   storedKey()            // the key, or null
 */
const KEY_STORAGE = 'maillage-editor-key';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

/** Keeps the key (trimmed); an empty one forgets it. */
export function keepKey(key: string): void {
  const trimmed = key.trim();
  if (trimmed) sessionStorage.setItem(KEY_STORAGE, trimmed);
  else sessionStorage.removeItem(KEY_STORAGE);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}
