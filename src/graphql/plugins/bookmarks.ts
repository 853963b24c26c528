/**
 * Read-your-writes across service instances. A mutation's response carries the Neo4j bookmarks of
 * its writes in `x-neo4j-bookmarks`; a client that sends them back on its next request, to any
 * instance, gets reads that wait until that instance's database has those writes.
 */
import neo4j, { type BookmarkManager } from 'neo4j-driver';
import type { Plugin } from 'graphql-yoga';

export const BOOKMARK_HEADER = 'x-neo4j-bookmarks';
const managers = new WeakMap<Request, BookmarkManager>();
/** What Neo4j's bookmarks look like ("FB:kcwQ..."): anything else is refused before Neo4j sees it. */
const SANE = /^[A-Za-z0-9]{2}:[A-Za-z0-9+/=._-]{4,1024}$/;
const MAX_BOOKMARKS = 32;

function sentBookmarks(request: Request): string[] {
  return (request.headers.get(BOOKMARK_HEADER) ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

export function bookmarkManagerOf(request: Request): BookmarkManager {
  let manager = managers.get(request);
  if (!manager) {
    const sent = sentBookmarks(request).filter((b) => SANE.test(b)).slice(0, MAX_BOOKMARKS);
    manager = neo4j.bookmarkManager({ initialBookmarks: sent });
    managers.set(request, manager);
  }
  return manager;
}

export function useBookmarks(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const sent = sentBookmarks(request);
      if (sent.length === 0) return;
      const bad = sent.length > MAX_BOOKMARKS || sent.some((b) => !SANE.test(b));
      if (!bad) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: `The ${BOOKMARK_HEADER} header must hold at most ${MAX_BOOKMARKS} bookmarks, comma-separated, exactly as an earlier response gave them.`,
                extensions: { code: 'BAD_USER_INPUT' },
              },
            ],
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
      );
    },
    async onResponse({ request, response }) {
      const manager = managers.get(request);
      if (!manager) return;
      const bookmarks = [...(await manager.getBookmarks())];
      if (bookmarks.length > 0) response.headers.set(BOOKMARK_HEADER, bookmarks.join(','));
    },
  };
}
