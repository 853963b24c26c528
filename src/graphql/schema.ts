/**
 * The executable schema: the SDL of schema/*.graphql with the resolvers of ./resolvers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { projectRoot } from '../config.ts';
import { resolvers } from './resolvers/index.ts';

export function loadTypeDefs(dir = path.join(projectRoot, 'schema')): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

/**
 * Node records keep their stored properties under `properties`; a field without a resolver of its
 * own reads the record's field of that name, else the stored property of that name.
 */
function resolveStoredProperties(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) continue;
      const name = field.name;
      field.resolve = (source: Record<string, unknown> | null | undefined) => {
        if (!source) return null;
        if (source[name] !== undefined) return source[name];
        const properties = source.properties;
        return properties && typeof properties === 'object' ? (properties as Record<string, unknown>)[name] : undefined;
      };
    }
  }
  return schema;
}

export function buildSchema(): GraphQLSchema {
  return resolveStoredProperties(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
}
