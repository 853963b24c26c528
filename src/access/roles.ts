/**
 * Who may do what: three roles, each including the ones below it.
 *
 *   authorize(null, 'editor')                            // throws UnauthenticatedError
 *   authorize({ subject: 'bot', role: 'reader' }, 'editor') // throws ForbiddenError
 */
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  subject: string;
  role: Role;
  /** How the caller proved who it is. */
  via: 'api-key' | 'jwt';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function authorize(principal: Principal | null, needed: Role): Principal {
  if (!principal) throw new UnauthenticatedError(`This operation needs credentials with the ${needed} role (an x-api-key header or a Bearer JWT).`);
  if (ROLES.indexOf(principal.role) < ROLES.indexOf(needed)) {
    throw new ForbiddenError(`This operation needs the ${needed} role; "${principal.subject}" has ${principal.role}.`);
  }
  return principal;
}
