/**
 * Type definitions for @neo4j/graphql 7 over the SAME stored model as ours (docs/data-model.md):
 * what a team would write if it picked @neo4j/graphql instead of building Maillage.
 *
 *   const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
 *   // query { actors(where: { id: { eq: "utc" } }) { name partnerOf { id name } } }
 *
 * @neo4j/graphql reads one relationship type in one direction per field, so our polymorphic
 * `links(types: [...])` (any type, both directions, with the direction) becomes one field per
 * (type, direction): `partnerOf` (OUT) and `partnerOfIn` (IN), and so on. That is the native way
 * to express it; the harness folds those fields back into our `links` shape before comparing.
 * The name search uses the same full-text index (`actor_names`) through `@fulltext`. "Within a
 * département" is ours: a commune PART_OF it directly, or PART_OF an EPCI PART_OF it.
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Actor
    @node(labels: ["Actor"])
    @fulltext(indexes: [{ indexName: "actor_names", fields: ["name"], queryName: "actorsByName" }]) {
    id: ID!
    name: String!
    kind: String!
    partnerOf: [Actor!]! @relationship(type: "PARTNER_OF", direction: OUT)
    partnerOfIn: [Actor!]! @relationship(type: "PARTNER_OF", direction: IN)
    collaboratesWith: [Actor!]! @relationship(type: "COLLABORATES_WITH", direction: OUT)
    collaboratesWithIn: [Actor!]! @relationship(type: "COLLABORATES_WITH", direction: IN)
    memberOf: [Actor!]! @relationship(type: "MEMBER_OF", direction: OUT)
    memberOfIn: [Actor!]! @relationship(type: "MEMBER_OF", direction: IN)
    locatedIn: [Commune!]! @relationship(type: "LOCATED_IN", direction: OUT)
  }

  type Commune @node(labels: ["Commune"]) {
    id: ID!
    name: String!
    partOf: [Department!]! @relationship(type: "PART_OF", direction: OUT)
    epci: [Epci!]! @relationship(type: "PART_OF", direction: OUT)
  }

  "An EPCI is PART_OF one département (the one holding most of its population) even when it straddles several."
  type Epci @node(labels: ["Epci"]) {
    id: ID!
    name: String!
    partOf: [Department!]! @relationship(type: "PART_OF", direction: OUT)
  }

  type Department @node(labels: ["Department"]) {
    id: ID!
    name: String!
  }
`;

/** The peer's field names for one of our relationship types, OUT then IN. */
export const PEER_LINK_FIELDS: Readonly<Record<string, readonly [outgoing: string, incoming: string]>> = {
  PARTNER_OF: ['partnerOf', 'partnerOfIn'],
  COLLABORATES_WITH: ['collaboratesWith', 'collaboratesWithIn'],
  MEMBER_OF: ['memberOf', 'memberOfIn'],
};
