/**
 * The authorisation seam: every mutation resolver calls `authorize(ctx, 'editor')` before doing
 * anything. For now everyone may do everything; the hardening issue fills this one function (and
 * the context's caller) so no resolver has to change.
 *
 *   authorize(ctx, 'editor');   // returns, or throws UnauthenticatedError / ForbiddenError
 */
import type { GraphQLContext } from './context.ts';

export type Role = 'reader' | 'editor';

export function authorize(_ctx: GraphQLContext, _role: Role): void {
  // Deliberately open until the hardening issue: see the doc comment.
}
