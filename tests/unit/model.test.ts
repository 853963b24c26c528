// The model registry (src/domain/model.ts): the SDL agrees with it, every table derived from it keeps
// the values the service had, and adding a relationship type touches only the registry.
import { type GraphQLSchema, isEnumType, isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ACTOR_KINDS, MODEL, type Model, TERRITORY_LEVELS, VIEWS, modelViews } from '../../src/domain/model.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { nodeTypeName } from '../../src/graphql/resolvers/nodes.ts';
import { relationshipCost } from '../../src/synergy/costs.ts';

const schema: GraphQLSchema = buildSchema();

function enumValues(name: string): string[] {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is no enum`);
  return type.getValues().map((v) => v.name);
}

function implementations(name: string): string[] {
  const type = schema.getType(name);
  if (!isInterfaceType(type)) throw new Error(`${name} is no interface`);
  return schema.getImplementations(type).objects.map((t) => t.name).sort();
}

describe('the SDL agrees with the model registry', () => {
  it('ActorKind and TerritoryLevel enums hold exactly the kinds and levels', () => {
    expect(enumValues('ActorKind')).toEqual(ACTOR_KINDS);
    expect(enumValues('TerritoryLevel')).toEqual(TERRITORY_LEVELS);
  });

  it('one GraphQL type per actor kind, per other node label, and Territory: each a Node with links', () => {
    expect(implementations('Actor')).toEqual([...VIEWS.actorLabels].sort());
    expect(implementations('Node')).toEqual([...VIEWS.actorLabels, 'Territory', ...VIEWS.otherNodeLabels].sort());
    for (const name of implementations('Node')) {
      const type = schema.getType(name);
      expect(isObjectType(type) && type.getFields().links, `${name}.links`).toBeTruthy();
    }
  });

  it('a stored node resolves to the GraphQL type its labels name', () => {
    expect(nodeTypeName({ id: 'a', labels: ['Entity', 'Actor', 'Funder'], properties: { kind: 'FUNDER' } })).toBe('Funder');
    expect(nodeTypeName({ id: 't', labels: ['Entity', 'Territory', 'Epci'], properties: {} })).toBe('Territory');
    expect(nodeTypeName({ id: 'k', labels: ['Entity', 'Competency'], properties: {} })).toBe('Competency');
    expect(nodeTypeName({ id: 's', labels: ['Entity', 'SurveyAnswer'], properties: {} })).toBeNull();
  });
});

describe('the tables derived from the registry keep the values the service had', () => {
  it('costs of walking each relationship type', () => {
    const costs = Object.fromEntries(VIEWS.relationshipTypes.map((t) => [t, relationshipCost(t, {})]));
    expect(costs).toEqual({
      LOCATED_IN: 3, PART_OF: 1.5, MEMBER_OF: 1, PARTNER_OF: 1, SUPPORTS: 1.5, CONTINUES: 1, ORGANIZED: 1,
      PARTICIPATED_IN: 1.25, HELD_IN: 3, SERVES: 3, WORKS_AT: 1, LED: 1, NEEDS: 2.5, TEACHES: 2.5, COLLABORATES_WITH: 1,
    });
    expect(relationshipCost('PART_OF', {}, true)).toBe(3);
    expect(relationshipCost('SOMETHING_ELSE', {})).toBe(2);
    expect(relationshipCost('NEEDS', { weight: 1 })).toBe(1.875);
  });

  it('participation, working ties, proximity and level words', () => {
    expect([...VIEWS.participationTypes].sort()).toEqual(['CONTINUES', 'LED', 'MEMBER_OF', 'ORGANIZED', 'PARTICIPATED_IN', 'SUPPORTS']);
    expect([...VIEWS.notWorkingTypes].sort()).toEqual(['HELD_IN', 'LOCATED_IN', 'NEEDS', 'PART_OF', 'SERVES', 'TEACHES']);
    expect(VIEWS.proximityByLabel).toEqual({ Commune: 1, Epci: 1, IndustrialTerritory: 0.6, Department: 0.6, Region: 0.3 });
    expect(VIEWS.territoryLabelsByRank).toEqual(['Commune', 'Epci', 'Department', 'Region', 'IndustrialTerritory']);
    expect(VIEWS.levelWordsByLabel.IndustrialTerritory).toEqual({ fr: "territoire d'industrie", en: 'industrial territory' });
    expect(VIEWS.endpointProblem('LOCATED_IN', ['Entity', 'Actor', 'Company'], ['Entity', 'Territory', 'Department'])).toBe(
      'to must be a Commune (has Territory, Department)',
    );
  });
});

describe('adding a relationship type touches only the registry', () => {
  // The worked example of docs/architecture.md: a mentoring tie from an actor to a company.
  const fixture: Model = {
    ...MODEL,
    relationships: {
      ...MODEL.relationships,
      MENTORS: { from: ['Actor'], to: ['Company'], symmetric: false, cost: 1, participation: false, working: true,
        verbs: { en: { active: 'mentors', passive: 'mentored by', passiveClause: 'is mentored by' }, fr: { active: 'accompagne', passive: 'accompagné{e:o} par' } } },
    },
  };
  const views = modelViews(fixture);

  it('seeds and the link mutation accept it, between the right ends only', () => {
    expect(VIEWS.isRelationshipType('MENTORS')).toBe(false);
    expect(views.isRelationshipType('MENTORS')).toBe(true);
    expect(views.relationshipTypes).toContain('MENTORS');
    expect(views.endpointProblem('MENTORS', ['Actor', 'Cluster'], ['Actor', 'Company'])).toBeUndefined();
    expect(views.endpointProblem('MENTORS', ['Actor', 'Cluster'], ['Actor', 'University'])).toBe(
      'to must be a Company (has Actor, University)',
    );
  });

  it('sentences say it in both languages from its verbs', () => {
    expect(views.verbs('MENTORS')?.fr.active).toBe('accompagne');
    expect(VIEWS.verbs('MENTORS')).toBeUndefined();
  });

  it('paths walk it at its cost; suggestions count it as a working tie; the actor graph not as participation', () => {
    expect(VIEWS.baseCost('MENTORS')).toBe(2);
    expect(views.baseCost('MENTORS')).toBe(1);
    expect(views.notWorkingTypes).not.toContain('MENTORS');
    expect(views.participationTypes).not.toContain('MENTORS');
  });

  it('a participation type joins the actor graph; a non-working one leaves the bridge count', () => {
    const more = modelViews({
      ...fixture,
      relationships: {
        ...fixture.relationships,
        SPONSORED: { ...fixture.relationships.MENTORS!, to: ['Event'], cost: 1.5, participation: true },
        NEAR: { ...fixture.relationships.MENTORS!, to: ['Actor'], symmetric: true, cost: 3, working: false },
      },
    });
    expect(more.participationTypes).toContain('SPONSORED');
    expect(more.notWorkingTypes).toContain('NEAR');
  });
});
