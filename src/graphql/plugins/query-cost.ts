/**
 * The cost of an operation: every field costs 1, and a list field multiplies the cost of what is
 * selected beneath it by how many items it may return (its `first`, or `first`'s default).
 *
 *   operationCost(schema, parse('{ actors(first: 100) { edges { node { links(first: 50) { type } } } } }'), {})
 *   // 1 (actors) + 100 × (edges 1 + node 1 + 50 × (links 1 + type 1))  = 10_201 ... roughly: nested lists multiply
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
  type GraphQLOutputType,
  Kind,
  getNamedType,
  isListType,
  isNonNullType,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  valueFromAST,
} from 'graphql';

/** Arguments that bound how many items a field returns. */
const SIZE_ARGUMENTS = ['first', 'k', 'limit'];

function returnsList(type: GraphQLOutputType): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner);
}

function isConnection(type: GraphQLOutputType): boolean {
  return getNamedType(type).name.endsWith('Connection');
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const operation = document.definitions.find(
    (def) => def.kind === Kind.OPERATION_DEFINITION && (!operationName || def.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;

  const fieldOf = (typeName: string, fieldName: string): GraphQLField<unknown, unknown> | undefined => {
    const type = schema.getType(typeName);
    if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[fieldName];
    return undefined;
  };

  const costOf = (set: SelectionSetNode, typeName: string, depth: number): number => {
    if (depth > 50) return Number.POSITIVE_INFINITY; // cyclic fragments: validation rejects them anyway
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) total += costOf(fragment.selectionSet, fragment.typeCondition.name.value, depth + 1);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, depth + 1);
        continue;
      }
      if (selection.name.value.startsWith('__')) continue;
      const field = fieldOf(typeName, selection.name.value);
      if (!field) continue;
      let multiplier = 1;
      if (returnsList(field.type) || isConnection(field.type)) {
        multiplier = 1;
        for (const name of SIZE_ARGUMENTS) {
          const def = field.args.find((a) => a.name === name);
          if (!def) continue;
          const node = selection.arguments?.find((a) => a.name.value === name);
          const value = node ? valueFromAST(node.value, def.type, variables) : def.defaultValue;
          if (typeof value === 'number' && value > 0) multiplier = Math.max(multiplier, value);
        }
      }
      let children = 0;
      if (selection.selectionSet) {
        const named = getNamedType(field.type);
        children = costOf(selection.selectionSet, isAbstractType(named) || isObjectType(named) || isInterfaceType(named) ? named.name : typeName, depth + 1);
      }
      total += 1 + multiplier * children;
    }
    return total;
  };
  return costOf(operation.selectionSet, root.name, 0);
}
