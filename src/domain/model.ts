/**
 * The data model, written once: node labels, actor kinds, territory levels and relationship types,
 * with everything the code needs to know about each. Every other table (seed validation, the `link`
 * mutation, GraphQL type resolution, look-ahead, path costs, the actor graph, suggestions) is
 * derived from `MODEL` by `modelViews`; docs/architecture.md shows how to add a relationship type.
 *
 *   MODEL.relationships.SUPPORTS.cost          // 1.5
 *   VIEWS.relationshipCost('PART_OF', {}, true) // 3: geography between territories
 *   VIEWS.participationTypes                    // ['MEMBER_OF', 'SUPPORTS', 'CONTINUES', 'ORGANIZED', ...]
 *
 * The verbs of each relationship type (French and English) are here too: src/synergy/sentences.ts
 * applies the grammar (articles, contractions, agreement); the explorer's legend reads the kinds' words.
 */

/** A word or short phrase in the two languages of the service: French first, English too. */
export interface Words {
  fr: string;
  en: string;
}

export interface ActorKindSpec {
  /** The Neo4j label the kind's nodes carry besides `Actor`, and the GraphQL type that shows them. */
  label: string;
  words: Words;
}

export interface TerritoryLevelSpec {
  /** The Neo4j label the level's nodes carry besides `Territory`. */
  label: string;
  /** Nesting, finest first (a commune is inside an EPCI, inside a département...). */
  rank: number;
  /**
   * Closeness of two actors whose finest shared territory is of this level (suggestions'
   * TERRITORY factor, 0..1).
   */
  proximity: number;
  words: Words;
}

/**
 * How a relationship is said. English: `active` between subject and object ("UTC [organised] the
 * workshop"), `passive` hung after the object ("the workshop [organised by] UTC"), `passiveClause` as
 * the verb of a sentence starting at the object ("the workshop [was organised by] UTC"); empty passives
 * for symmetric types. French: `active` is followed by the object, `passive` by the subject, with marks
 * that src/synergy/sentences.ts fills in: `{de}` or `{à}` at the end (the noun with its contracted
 * preposition: "du PIA", "à l'atelier"), `{lieu}` ("à Albert", "dans la Somme"), `{e:s}`/`{e:o}` (a
 * participle agreeing with the relationship's subject or object: "organisée par").
 */
export interface Verbs {
  en: { active: string; passive: string; passiveClause: string };
  fr: { active: string; passive: string };
}

export interface RelationshipSpec {
  /** The node at each end must carry one of these labels. */
  from: readonly string[];
  to: readonly string[];
  /** Symmetric in meaning (partners, collaborators): stored once, read the same both ways. */
  symmetric: boolean;
  /** Base cost of walking it in a synergy path (src/synergy/costs.ts says why each value). */
  cost: number;
  /** Cost instead of `cost` when both ends are territories (PART_OF: geography, not structure). */
  territoryCost?: number;
  /** An actor takes part in an event or a programme through it (shared participation links actors). */
  participation: boolean;
  /** A working tie between people or organisations, not geography nor a shared interest. */
  working: boolean;
  verbs: Verbs;
}

/**
 * Presence in a territory stored on each actor (src/territories/presence.ts): derived data the
 * writers keep in the same transaction as the change, never exported nor shown, rebuilt by an import.
 */
export interface StoredPresenceSpec {
  /** Actor property: ids of every territory the actor is present in, ACTIVE presence, every level. */
  active: string;
  /** Actor property: the same for SEAT presence. */
  seat: string;
  /** Full-text index (keyword analyser) over both lists: an exact id in a list, found by Lucene. */
  index: string;
}

export interface Model {
  kinds: Readonly<Record<string, ActorKindSpec>>;
  levels: Readonly<Record<string, TerritoryLevelSpec>>;
  /** Labels of the other nodes, each a GraphQL type of the same name implementing `Node`. */
  otherNodeLabels: readonly string[];
  /** Labels that exist in the graph but are no GraphQL type (survey answers). */
  hiddenNodeLabels: readonly string[];
  relationships: Readonly<Record<string, RelationshipSpec>>;
  /** Cost of a relationship type the model does not know: walkable, never preferred to a working tie. */
  unknownRelationshipCost: number;
  /** Stored presence: two derived actor properties and their index. */
  presence: StoredPresenceSpec;
  /**
   * Node properties the writers derive from others (search fields, stored presence): never exported
   * (an import writes them again), never shown as data.
   */
  derivedProperties: readonly string[];
}

const w = (fr: string, en: string): Words => ({ fr, en });
const v = ([active, passive, passiveClause]: [string, string, string], [frActive, frPassive]: [string, string]): Verbs => ({
  en: { active, passive, passiveClause },
  fr: { active: frActive, passive: frPassive },
});

export const MODEL = {
  kinds: {
    INSTITUTE: { label: 'Institute', words: w('institut', 'institute') },
    UNIVERSITY: { label: 'University', words: w('université ou école', 'university or school') },
    COMPANY: { label: 'Company', words: w('entreprise', 'company') },
    CLUSTER: { label: 'Cluster', words: w('pôle ou cluster', 'cluster') },
    FUNDER: { label: 'Funder', words: w('financeur', 'funder') },
    CHAMBER: { label: 'Chamber', words: w('chambre consulaire', 'chamber') },
    LOCAL_AUTHORITY: { label: 'LocalAuthority', words: w('collectivité', 'local authority') },
    REGION: { label: 'Region', words: w('région', 'région') },
  },
  levels: {
    REGION: { label: 'Region', rank: 3, proximity: 0.3, words: w('région', 'région') },
    DEPARTMENT: { label: 'Department', rank: 2, proximity: 0.6, words: w('département', 'département') },
    EPCI: { label: 'Epci', rank: 1, proximity: 1, words: w('EPCI', 'EPCI') },
    COMMUNE: { label: 'Commune', rank: 0, proximity: 1, words: w('commune', 'commune') },
    INDUSTRIAL_TERRITORY: {
      label: 'IndustrialTerritory',
      rank: 4,
      proximity: 0.6,
      words: w("territoire d'industrie", 'industrial territory'),
    },
  },
  otherNodeLabels: ['Event', 'Program', 'Person', 'Competency'],
  hiddenNodeLabels: ['SurveyAnswer'],
  relationships: {
    LOCATED_IN: {
      from: ['Actor'], to: ['Commune'], symmetric: false, cost: 3, participation: false, working: false,
      verbs: v(['is located in', 'home of', 'is home to'], ['est implanté{e:s} {lieu}', 'où est implanté{e:s}']),
    },
    PART_OF: {
      from: ['Territory', 'Event', 'Program', 'Competency'],
      to: ['Territory', 'Event', 'Program', 'Competency'],
      symmetric: false,
      cost: 1.5,
      territoryCost: 3,
      participation: false,
      working: false,
      verbs: v(['is part of', 'which includes', 'includes'], ['fait partie {de}', 'qui comprend']),
    },
    MEMBER_OF: {
      from: ['Actor'], to: ['Actor'], symmetric: false, cost: 1, participation: true, working: true,
      verbs: v(['is a member of', 'which includes', 'includes'], ['est membre {de}', 'qui compte parmi ses membres']),
    },
    PARTNER_OF: {
      from: ['Actor'], to: ['Actor'], symmetric: true, cost: 1, participation: false, working: true,
      verbs: v(['is a partner of', '', ''], ['est partenaire {de}', 'partenaire {de}']),
    },
    SUPPORTS: {
      from: ['Actor'], to: ['Actor', 'Program', 'Event'], symmetric: false, cost: 1.5, participation: true, working: true,
      verbs: v(['supports', 'supported by', 'is supported by'], ['soutient', 'soutenu{e:o} par']),
    },
    CONTINUES: {
      from: ['Actor'], to: ['Program'], symmetric: false, cost: 1, participation: true, working: true,
      verbs: v(['carries on', 'carried on by', 'is carried on by'], ['prolonge', 'prolongé{e:o} par']),
    },
    ORGANIZED: {
      from: ['Actor'], to: ['Event'], symmetric: false, cost: 1, participation: true, working: true,
      verbs: v(['organised', 'organised by', 'was organised by'], ['a organisé', 'organisé{e:o} par']),
    },
    PARTICIPATED_IN: {
      from: ['Actor'], to: ['Event'], symmetric: false, cost: 1.25, participation: true, working: true,
      verbs: v(['took part in', 'attended by', 'was attended by'], ['a participé {à}', 'qui a réuni']),
    },
    HELD_IN: {
      from: ['Event'], to: ['Territory'], symmetric: false, cost: 3, participation: false, working: false,
      verbs: v(['was held in', 'which hosted', 'hosted'], ["s'est tenu{e:s} {lieu}", 'qui a accueilli']),
    },
    // The area an actor serves or covers (a chamber's département, a cluster's or an agency's area).
    SERVES: {
      from: ['Actor'], to: ['Territory'], symmetric: false, cost: 3, participation: false, working: false,
      verbs: v(['serves', 'served by', 'is served by'], ['intervient {lieu}', "où intervient"]),
    },
    WORKS_AT: {
      from: ['Person'], to: ['Actor'], symmetric: false, cost: 1, participation: false, working: true,
      verbs: v(['works at', 'which employs', 'employs'], ['travaille chez', 'qui emploie']),
    },
    // A person leading alone (no "co" in the role) reads without the "co": src/synergy/sentences.ts.
    LED: {
      from: ['Person', 'Actor'], to: ['Event'], symmetric: false, cost: 1, participation: true, working: true,
      verbs: v(['co-led', 'co-led by', 'was co-led by'], ['a codirigé', 'codirigé{e:o} par']),
    },
    NEEDS: {
      from: ['Company'], to: ['Competency'], symmetric: false, cost: 2.5, participation: false, working: false,
      verbs: v(['needs', 'needed by', 'is needed by'], ['a besoin {de}', 'nécessaire {à}']),
    },
    TEACHES: {
      from: ['University'], to: ['Competency'], symmetric: false, cost: 2.5, participation: false, working: false,
      verbs: v(['teaches', 'taught by', 'is taught by'], ['enseigne', 'enseigné{e:o} par']),
    },
    COLLABORATES_WITH: {
      from: ['Company'], to: ['University'], symmetric: true, cost: 1, participation: false, working: true,
      verbs: v(['collaborates with', '', ''], ['collabore avec', 'qui collabore avec']),
    },
  },
  unknownRelationshipCost: 2,
  presence: { active: 'presentIn', seat: 'seatIn', index: 'actor_presence' },
  derivedProperties: ['searchNames', 'searchText', 'presentIn', 'seatIn'],
} as const satisfies Model;

export type ActorKind = keyof typeof MODEL.kinds;
export type TerritoryLevel = keyof typeof MODEL.levels;

/** Everything the rest of the code reads, derived from one model (a fixture model in tests). */
export function modelViews(model: Model) {
  const kinds = Object.keys(model.kinds);
  const levels = Object.keys(model.levels);
  const relationshipTypes = Object.keys(model.relationships);
  const actorLabels = kinds.map((kind) => model.kinds[kind]!.label);
  const territoryLabels = levels.map((level) => model.levels[level]!.label);
  const typesWhere = (test: (spec: RelationshipSpec) => boolean) =>
    relationshipTypes.filter((type) => test(model.relationships[type]!));
  const isRelationshipType = (type: string): boolean => Object.hasOwn(model.relationships, type);
  return {
    actorKinds: kinds,
    actorLabels,
    territoryLevels: levels,
    territoryLabels,
    /** The node labels of GraphQL types implementing `Node` besides actors and territories. */
    otherNodeLabels: model.otherNodeLabels,
    /** Labels a seed may put on a node (`Entity` is always added by the loader). */
    allowedLabels: new Set<string>([
      'Entity',
      'Actor',
      ...actorLabels,
      'Territory',
      ...territoryLabels,
      ...model.otherNodeLabels,
      ...model.hiddenNodeLabels,
    ]),
    /** Every node has at least one of these, so that it is something of the model. */
    mainLabels: ['Actor', 'Territory', ...model.otherNodeLabels, ...model.hiddenNodeLabels],
    relationshipTypes,
    isRelationshipType,
    /** Relationship types by which an actor takes part in an event or a programme. */
    participationTypes: typesWhere((spec) => spec.participation),
    /** Relationship types that are not working ties (they do not count as a network to bridge). */
    notWorkingTypes: typesWhere((spec) => !spec.working),
    /** Territory labels, finest first. */
    territoryLabelsByRank: [...levels].sort((a, b) => model.levels[a]!.rank - model.levels[b]!.rank).map((l) => model.levels[l]!.label),
    /** Proximity by territory label (for Cypher parameters and the suggestion score). */
    proximityByLabel: Object.fromEntries(levels.map((l) => [model.levels[l]!.label, model.levels[l]!.proximity])) as Record<string, number>,
    /** Words by territory label. */
    levelWordsByLabel: Object.fromEntries(levels.map((l) => [model.levels[l]!.label, model.levels[l]!.words])) as Record<string, Words>,
    /** How a relationship of `type` is said, or undefined for a type the model does not know. */
    verbs(type: string): Verbs | undefined {
      return isRelationshipType(type) ? model.relationships[type]!.verbs : undefined;
    },
    /** Symmetric in meaning: read the same both ways. */
    isSymmetric(type: string): boolean {
      return isRelationshipType(type) && model.relationships[type]!.symmetric;
    },
    /** Base cost of walking one relationship of `type` (see src/synergy/costs.ts). */
    baseCost(type: string, endsAreTerritories = false): number {
      const spec = isRelationshipType(type) ? model.relationships[type] : undefined;
      if (!spec) return model.unknownRelationshipCost;
      return endsAreTerritories && spec.territoryCost !== undefined ? spec.territoryCost : spec.cost;
    },
    /** Why a relationship of `type` cannot join nodes with these labels, or undefined if it can. */
    endpointProblem(type: string, fromLabels: readonly string[], toLabels: readonly string[]): string | undefined {
      const rule = isRelationshipType(type) ? model.relationships[type] : undefined;
      if (!rule) return undefined;
      const problems: string[] = [];
      const has = (labels: readonly string[]) => labels.filter((l) => l !== 'Entity').join(', ');
      if (!rule.from.some((l) => fromLabels.includes(l))) problems.push(`from must be a ${rule.from.join(' or ')} (has ${has(fromLabels)})`);
      if (!rule.to.some((l) => toLabels.includes(l))) problems.push(`to must be a ${rule.to.join(' or ')} (has ${has(toLabels)})`);
      return problems.length ? problems.join('; ') : undefined;
    },
  };
}

export type ModelViews = ReturnType<typeof modelViews>;

/** The views of the service's model. */
export const VIEWS: ModelViews = modelViews(MODEL);

export const ACTOR_KINDS = Object.keys(MODEL.kinds) as [ActorKind, ...ActorKind[]];
export const TERRITORY_LEVELS = Object.keys(MODEL.levels) as [TerritoryLevel, ...TerritoryLevel[]];

/** The Neo4j label of each actor kind, and the GraphQL type that shows it. */
export const KIND_LABEL = Object.fromEntries(ACTOR_KINDS.map((k) => [k, MODEL.kinds[k].label])) as Record<ActorKind, string>;
export const LEVEL_LABEL = Object.fromEntries(TERRITORY_LEVELS.map((l) => [l, MODEL.levels[l].label])) as Record<TerritoryLevel, string>;

export function isActorKind(value: unknown): value is ActorKind {
  return typeof value === 'string' && Object.hasOwn(MODEL.kinds, value);
}

/** Reads the territory level from a node's labels. */
export function territoryLevel(labels: readonly string[]): TerritoryLevel | undefined {
  return TERRITORY_LEVELS.find((level) => labels.includes(LEVEL_LABEL[level]));
}
