/**
 * Gives every request an id (the caller's `x-request-id` if it sent a sane one), echoed in the
 * response header and put in the context for logs.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const ids = new WeakMap<Request, string>();
const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const sent = request.headers.get('x-request-id');
    id = sent && SANE.test(sent) ? sent : randomUUID();
    ids.set(request, id);
  }
  return id;
}

export function useRequestId(): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}
