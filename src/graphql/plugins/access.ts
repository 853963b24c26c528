/**
 * Who is calling: an API key (`x-api-key` header, checked against hashes) or a JWT (Bearer, verified
 * by the yoga JWT plugin with a shared secret or a JWKS). Puts `principal` in the context; with
 * MAILLAGE_READS=key, refuses anonymous operations; mutations always need credentials (their
 * resolvers then check the role with `authorize`).
 */
import {
  createInlineSigningKeyProvider,
  createRemoteJwksSigningKeyProvider,
  extractFromHeader,
  useJWT,
  type GetSigningKeyFunction,
} from '@graphql-yoga/plugin-jwt';
import { type DefinitionNode, GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { findApiKey } from '../../access/api-keys.ts';
import { type Principal, isRole } from '../../access/roles.ts';
import type { SecurityConfig } from '../../config.ts';
import type { GraphQLContext } from '../context.ts';
import { clientError, errorBody } from '../errors.ts';

const principals = new WeakMap<Request, Principal | null>();

/**
 * Root fields anyone may call, whatever MAILLAGE_READS says: the questionnaire's, whose link token
 * is the credential (src/survey/). An operation is public only when all its root fields are.
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['surveyForm', 'surveyCommunes', 'submitSurveyAnswer']);

function isPublic(operation: OperationDefinitionNode): boolean {
  const names = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : null));
  // `__typename` alone stays behind MAILLAGE_READS, as before; beside a public field it is harmless.
  return names.some((n) => n !== null && PUBLIC_ROOT_FIELDS.has(n)) && names.every((n) => n !== null && (PUBLIC_ROOT_FIELDS.has(n) || n === '__typename'));
}

interface JwtContext {
  jwt?: { payload: Record<string, unknown> };
}

function unauthenticated(message: string): GraphQLError {
  return clientError('UNAUTHENTICATED', message, { status: 401 });
}

function principalOf(ctx: GraphQLContext & JwtContext & { request: Request }, roleClaim: string): Principal | null {
  const byKey = principals.get(ctx.request);
  if (byKey) return byKey;
  const payload = ctx.jwt?.payload;
  if (!payload) return null;
  const claimed = payload[roleClaim];
  const roles: unknown[] = Array.isArray(claimed) ? claimed : [claimed];
  const best = ['admin', 'editor', 'reader'].find((r) => roles.includes(r));
  return { subject: typeof payload.sub === 'string' ? payload.sub : 'jwt', role: isRole(best) ? best : 'reader', via: 'jwt' };
}

function jwtPlugin(jwt: NonNullable<SecurityConfig['jwt']>): Plugin | null {
  const providers: GetSigningKeyFunction[] = [];
  if (jwt.secret) providers.push(createInlineSigningKeyProvider(jwt.secret));
  if (jwt.jwksUrl) providers.push(createRemoteJwksSigningKeyProvider({ jwksUri: jwt.jwksUrl }));
  const [first, ...rest] = providers;
  if (!first) return null;
  return useJWT({
    signingKeyProviders: [first, ...rest],
    tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
    tokenVerification: {
      algorithms: jwt.secret ? ['HS256', 'HS384', 'HS512'] : ['RS256', 'ES256'],
      ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
      ...(jwt.audience ? { audience: jwt.audience } : {}),
      // A token without exp would otherwise be good for ever: none is accepted past this age
      // (counted from iat, which must then be present).
      maxAge: `${jwt.maxAgeSeconds}s`,
    },
    reject: { missingToken: false, invalidToken: true },
    extendContext: true,
  }) as Plugin;
}

/** The JWT plugin (when configured) and ours, in that order: ours reads what it found. */
export function useAccess(security: SecurityConfig): Plugin[] {
  const jwt = security.jwt;
  const ours: Plugin<GraphQLContext & JwtContext> = {
    onRequest({ request, endResponse, fetchAPI }) {
      const key = request.headers.get('x-api-key');
      if (key === null) return;
      const principal = findApiKey(security.apiKeys, key);
      if (!principal) {
        endResponse(
          new fetchAPI.Response(
            errorBody('UNAUTHENTICATED', 'The API key is not valid.'),
            { status: 401, headers: { 'content-type': 'application/json' } },
          ),
        );
        return;
      }
      principals.set(request, principal);
    },
    onExecute({ args, setResultAndStopExecution }) {
      // Decided here, once the context is complete (the JWT plugin has put its payload in it).
      const ctx = args.contextValue;
      ctx.principal = principalOf(ctx, jwt?.roleClaim ?? 'role');
      if (ctx.principal) return;
      const operation = args.document.definitions.find(
        (d: DefinitionNode): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
      );
      if (operation && isPublic(operation)) return;
      if (operation?.operation === 'mutation') {
        setResultAndStopExecution({ errors: [unauthenticated('Mutations need credentials: an x-api-key header or a Bearer JWT with the editor role.')] });
      } else if (security.reads === 'key') {
        setResultAndStopExecution({ errors: [unauthenticated('This server requires credentials for reads: an x-api-key header or a Bearer JWT.')] });
      }
    },
  };
  const first = jwt ? jwtPlugin(jwt) : null;
  return first ? [first, ours as Plugin] : [ours as Plugin];
}
