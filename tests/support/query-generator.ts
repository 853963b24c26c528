/**
 * fast-check arbitraries that write GraphQL operations from the schema: a random root field, random
 * arguments (valid, hostile or of the wrong type) passed as variables, and a selection of its fields.
 */
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

/** Strings that would change a query built by concatenation: they must change nothing here. */
export const INJECTIONS = [
  '"}) MATCH (n) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n //",
  '` MATCH (n) DETACH DELETE n //',
  'x\\" OR 1=1 //',
  '*:*',
  'name:* OR id:*',
  '../../../../etc/passwd',
  '\u0000\u0001\uFFFF',
  '${process.exit()}',
  'a'.repeat(5000),
];

export interface GeneratorOptions {
  /**
   * Every `ID` value starts with this: the operations name only nodes the caller owns (a few
   * fixed ids under it, or hostile text after it). Without it, `ID` values may be ids of the shared
   * seed (`utc`, `region:32`): fine for queries, which change nothing, never for mutations.
   */
  idPrefix?: string;
}

/** The ids a generator with `idPrefix` uses (create some of them to give mutations something to hit). */
export function ownIds(idPrefix: string): string[] {
  return [`${idPrefix}-actor`, `${idPrefix}-other`, `${idPrefix}-commune`];
}

function valueOf(type: GraphQLInputType, depth: number, options: GeneratorOptions): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, depth, options);
  if (isListType(type)) return fc.array(valueOf(type.ofType, depth + 1, options), { maxLength: depth > 2 ? 0 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name), 'NOT_A_KIND');
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (depth > 2) return fc.constant({});
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, depth + 1, options)])), {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)));
      case 'Float':
        return fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -1, 1e308));
      case 'Boolean':
        return fc.boolean();
      case 'JSON':
        return fc.jsonValue({ maxDepth: 2 });
      case 'ID':
        if (options.idPrefix !== undefined) {
          const own = options.idPrefix;
          return fc.oneof(fc.constantFrom(...ownIds(own)), fc.string({ maxLength: 30 }).map((s) => `${own}-${s}`), fc.constantFrom(...INJECTIONS).map((s) => `${own}-${s}`));
        }
        return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...INJECTIONS), fc.constantFrom('utc', 'commune:80016', 'region:32'));
      default:
        if (options.idPrefix !== undefined) return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...INJECTIONS));
        return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...INJECTIONS), fc.constantFrom('utc', 'commune:80016', 'region:32'));
    }
  }
  return fc.constant(null);
}

/** Sometimes a value of the wrong shape, to exercise variable coercion errors. */
function argumentValue(arg: GraphQLArgument, options: GeneratorOptions): fc.Arbitrary<unknown> {
  const valid = isNonNullType(arg.type) ? valueOf(arg.type, 0, options) : fc.option(valueOf(arg.type, 0, options), { nil: null });
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: fc.anything({ maxDepth: 1 }) });
}

function selectionFor(type: ReturnType<typeof getNamedType>, depth: number): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  if (depth > 2) return '{ __typename }';
  if (isObjectType(type) || isInterfaceType(type)) {
    const parts = ['__typename'];
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => isNonNullType(a.type))) continue;
      const named = getNamedType(field.type);
      if (isScalarType(named) || isEnumType(named)) parts.push(field.name);
      else if (depth < 2) parts.push(`${field.name} ${selectionFor(named, depth + 1)}`);
    }
    return `{ ${parts.join(' ')} }`;
  }
  if (isUnionType(type)) return '{ __typename }';
  return '';
}

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
}

export function operationArbitrary(
  schema: GraphQLSchema,
  kind: 'query' | 'mutation' = 'query',
  options: GeneratorOptions = {},
): fc.Arbitrary<GeneratedOperation> {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  const fields: GraphQLField<unknown, unknown>[] = root ? Object.values(root.getFields()) : [];
  return fc.constantFrom(...fields).chain((field) =>
    fc.tuple(...field.args.map((arg) => argumentValue(arg, options))).map((values) => {
      const declarations = field.args.map((arg, i) => `$a${i}: ${String(arg.type)}`);
      const passes = field.args.map((arg, i) => `${arg.name}: $a${i}`);
      const variables = Object.fromEntries(values.map((v, i) => [`a${i}`, v]));
      const head = declarations.length ? `${kind} Fuzz(${declarations.join(', ')})` : `${kind} Fuzz`;
      const call = passes.length ? `${field.name}(${passes.join(', ')})` : field.name;
      return { query: `${head} { ${call} ${selectionFor(getNamedType(field.type), 0)} }`, variables };
    }),
  );
}
