/**
 * The heavy fields, `actorGraph`, `networkShape` and `territoryReport`: each returns (or measures)
 * a whole territory's graph, so its cost is the territory's size, not the size of the selection.
 * Before any of them runs:
 *   - an operation may hold at most HEAVY_FIELDS_PER_OPERATION of them (aliases count);
 *   - actors under them give their own fields only: `links` or `commune` there would cost one
 *     query per actor (nothing plans them), so they are refused, with the way to ask instead;
 *   - the territory's real size is counted (actors, and links estimated from their degrees), and
 *     the operation is refused past GRAPH_MAX_ITEMS;
 *   - they are admitted with the report routes (/report/...) by src/access/heavy-work.ts: at most
 *     HEAVY_PER_CLIENT at once per client (src/access/client-key.ts), HEAVY_AT_ONCE for the whole
 *     server, HEAVY_PER_MINUTE started and HEAVY_SECONDS_PER_MINUTE of heavy work per client a
 *     minute; more get 429 RATE_LIMITED.
 * Refusals are QUERY_TOO_COMPLEX (HTTP 400) and name the field.
 */
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { clientKeyOf } from '../../access/client-key.ts';
import { type HeavyWork, heavyRefusalMessage, heavyWorkOf } from '../../access/heavy-work.ts';
import type { LimitsConfig, SecurityConfig } from '../../config.ts';
import type { Database } from '../../neo4j/database.ts';
import { MEMBERS, TERRITORY, actorGraphParams } from '../../shape/actor-graph.ts';
import type { ActorKind } from '../../domain/records.ts';
import type { GraphQLContext } from '../context.ts';
import { socketAddressOf } from './rate-limit.ts';

export const HEAVY_FIELDS = ['actorGraph', 'networkShape', 'territoryReport'] as const;
const HEAVY_NAMES = HEAVY_FIELDS.join('/');

/**
 * Actors, and links estimated as half the members' degrees (read from the degree store, no
 * expansion; an upper bound: it counts relationships to territories and events too). The whole
 * network of every kind is read from the count store, whatever its size.
 */
const GRAPH_SIZE = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  RETURN count(a) AS actors, sum(COUNT { (a)--() }) AS degrees
}
RETURN actors, degrees`;
const WHOLE_NETWORK_SIZE = `
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN actors, 2 * relationships AS degrees`;

interface HeavyField {
  name: string;
  node: FieldNode;
  args: Record<string, unknown>;
}

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  return document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
}

/** Every field of `set`, fragments spread, with the type it is selected on. */
function* fieldsOf(
  set: SelectionSetNode,
  typeName: string,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): Generator<{ node: FieldNode; on: string }> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) yield { node: selection, on: typeName };
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* fieldsOf(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, fragments, seen);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      seen.add(fragment.name.value);
      yield* fieldsOf(fragment.selectionSet, fragment.typeCondition.name.value, fragments, seen);
    }
  }
}

/** Is `typeName` an actor type (the Actor interface or one of its kinds)? */
function isActorType(schema: GraphQLSchema, typeName: string): boolean {
  const type = schema.getType(typeName);
  if (typeName === 'Actor') return true;
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Actor');
}

/** The first unplanned selection beneath a heavy field: a non-leaf field of an actor. */
function unplanned(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  typeName: string,
  fragments: Map<string, FragmentDefinitionNode>,
  path: string,
): string | undefined {
  for (const { node, on } of fieldsOf(set, typeName, fragments)) {
    if (node.name.value.startsWith('__') || !node.selectionSet) continue;
    const parent = schema.getType(on);
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field) continue;
    const here = `${path}.${node.name.value}`;
    if (isActorType(schema, on) || (on === 'Node' && node.name.value !== 'id')) return here;
    const named = getNamedType(field.type);
    if (isCompositeType(named)) {
      const deeper = unplanned(schema, node.selectionSet, named.name, fragments, here);
      if (deeper) return deeper;
    }
  }
  return undefined;
}

/** `db` is the request's scoped handle: its query is counted like any other. */
async function graphSize(db: Database, args: Record<string, unknown>): Promise<{ actors: number; links: number } | undefined> {
  const params = actorGraphParams({ within: args.within as string | null | undefined, kinds: args.kinds as ActorKind[] | null | undefined });
  const whole = params.within === null && params.kinds === null;
  const [row] = await db.read<{ actors: number; degrees: number }>(whole ? WHOLE_NETWORK_SIZE : GRAPH_SIZE, params);
  return row ? { actors: row.actors, links: Math.ceil(row.degrees / 2) } : undefined;
}

/** `inFlight`: the count shared with the report routes (one per server). */
export function useHeavyFields(
  limits: LimitsConfig,
  security: SecurityConfig,
  inFlight: HeavyWork = heavyWorkOf(limits),
): Plugin<GraphQLContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = operationOf(args.document, args.operationName);
      const query = args.schema.getQueryType();
      if (!operation || operation.operation !== 'query' || !query) return undefined;
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of args.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

      const heavy: HeavyField[] = [];
      for (const { node } of fieldsOf(operation.selectionSet, query.name, fragments)) {
        const name = node.name.value;
        if (!(HEAVY_FIELDS as readonly string[]).includes(name)) continue;
        const definition = query.getFields()[name]!;
        heavy.push({ name, node, args: getArgumentValues(definition, node, args.variableValues ?? undefined) });
      }
      if (heavy.length === 0) return undefined;
      const stop = (error: GraphQLError) => setResultAndStopExecution({ errors: [error] });

      if (heavy.length > limits.heavyPerOperation) {
        return stop(
          tooComplex(
            `This operation asks for ${heavy.length} ${HEAVY_NAMES} fields; at most ${limits.heavyPerOperation} per operation (HEAVY_FIELDS_PER_OPERATION). Send them in separate operations.`,
          ),
        );
      }
      for (const field of heavy) {
        const definition: GraphQLField<unknown, unknown> = query.getFields()[field.name]!;
        const returned = getNamedType(definition.type);
        const where = field.node.selectionSet ? unplanned(args.schema, field.node.selectionSet, returned.name, fragments, field.name) : undefined;
        if (where) {
          return stop(
            tooComplex(
              `${where}: under ${field.name}, actors give their own fields only (id, name, kind, ...). Ask actor(id: ...) for an actor's links or commune.`,
            ),
          );
        }
      }

      const ctx = args.contextValue;
      const request = (ctx as { request?: Request }).request;
      const client = request ? clientKeyOf(request, socketAddressOf(ctx), security) : 'local';
      const ticket = inFlight.enter(client, request?.signal);
      if ('why' in ticket) {
        return stop(
          new GraphQLError(heavyRefusalMessage(ticket, 'EN'), {
            extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': String(ticket.retryAfterS) } } },
          }),
        );
      }
      const leave = () => ticket.leave();
      try {
        let items = 0;
        const sizes: string[] = [];
        for (const field of heavy) {
          const size = await graphSize(ctx.db, field.args);
          if (!size) continue; // unknown territory: the resolver says NOT_FOUND
          items += size.actors + size.links;
          sizes.push(`${field.name}(within: ${JSON.stringify(field.args.within ?? null)}) covers ${size.actors} actors and about ${size.links} links`);
        }
        if (items > limits.graphMaxItems) {
          leave();
          return stop(
            tooComplex(`${sizes.join('; ')}: more than the ${limits.graphMaxItems} actors and links allowed per operation (GRAPH_MAX_ITEMS). Ask for a smaller territory or fewer kinds.`),
          );
        }
      } catch (error) {
        leave();
        throw error;
      }
      return { onExecuteDone: () => leave() };
    },
  };
}
