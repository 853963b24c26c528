/**
 * Read-your-writes across service instances. A mutation's response carries the Neo4j bookmarks of
 * its writes in `x-neo4j-bookmarks`; a client that sends them back on its next request, to any
 * instance, gets reads that wait until that instance's database has those writes.
 */
import neo4j, { type BookmarkManager } from 'neo4j-driver';
import type { Plugin } from 'graphql-yoga';

export const BOOKMARK_HEADER = 'x-neo4j-bookmarks';
const managers = new WeakMap<Request, BookmarkManager>();
const SANE = /^[A-Za-z0-9:+/=._-]{1,1024}$/;

export function bookmarkManagerOf(request: Request): BookmarkManager {
  let manager = managers.get(request);
  if (!manager) {
    const sent = (request.headers.get(BOOKMARK_HEADER) ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => SANE.test(b))
      .slice(0, 32);
    manager = neo4j.bookmarkManager({ initialBookmarks: sent });
    managers.set(request, manager);
  }
  return manager;
}

export function useBookmarks(): Plugin {
  return {
    async onResponse({ request, response }) {
      const manager = managers.get(request);
      if (!manager) return;
      const bookmarks = [...(await manager.getBookmarks())];
      if (bookmarks.length > 0) response.headers.set(BOOKMARK_HEADER, bookmarks.join(','));
    },
  };
}
