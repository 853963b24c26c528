/**
 * The request body limit of graphql-yoga (25 MB, HTTP 413 REQUEST_ENTITY_TOO_LARGE), for less work:
 * yoga pipes every body through a counting TransformStream into a new Request (a stream pipeline,
 * an AbortController and its DOMException per request: ~6% of our CPU on a small query, issue #21).
 * A body with a valid Content-Length cannot be longer (Node's HTTP parser reads exactly that many
 * bytes), so the header alone decides; only a body without one (chunked) is counted as it streams.
 * Given to yoga with `maxRequestBodySize: false`.
 */
import type { Plugin } from 'graphql-yoga';
import { clientError } from '../errors.ts';

/** Yoga's default. */
export const MAX_REQUEST_BODY_BYTES = 25_000_000;
const CONTENT_LENGTH = /^\d+$/;

const tooLarge = () => clientError('REQUEST_ENTITY_TOO_LARGE', 'Request body too large', { status: 413 });

export function useRequestBodyLimit(limit = MAX_REQUEST_BODY_BYTES): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!CONTENT_LENGTH.test(length)) {
          throw clientError('BAD_REQUEST', 'Content-Length header is invalid.', { status: 400 });
        }
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      const body = request.body;
      if (!requestParser || !body) return;
      let read = 0;
      // As yoga does: a native body takes the native TransformStream, a ponyfill body the ponyfill's.
      const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
      const counted = body.pipeThrough(
        new Transform<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            read += chunk.byteLength;
            if (read > limit) controller.error(tooLarge());
            else controller.enqueue(chunk);
          },
        }),
      );
      const original = requestParser;
      setRequestParser((req) =>
        original(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body: counted, duplex: 'half' } as RequestInit)),
      );
    },
  };
}
