// What the explorer's editing offers agrees with what the API accepts; the change cursor round-trips.
import { describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { allowedLinkTypes, readActorFields } from '../../explorer/src/editing.ts';
import { ACTOR_FIELDS, ACTOR_FIELD_NAMES, fieldsOfKind } from '../../src/domain/actor-fields.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { decodeChangeCursor, encodeChangeCursor } from '../../src/changes/list.ts';
import { ACTOR_KINDS, KIND_LABEL, MODEL } from '../../src/domain/model.ts';
import { RELATIONSHIP_TYPES, endpointProblem } from '../../src/domain/relationships.ts';

const labelsOf = (kind: string) => ['Entity', 'Actor', KIND_LABEL[kind as keyof typeof KIND_LABEL], ...(kind === 'REGION' ? ['Territory'] : [])];

describe('link types offered in the explorer', () => {
  it('are exactly those the link mutation accepts between the two kinds (LOCATED_IN aside)', () => {
    for (const from of ACTOR_KINDS) {
      for (const to of ACTOR_KINDS) {
        const accepted = RELATIONSHIP_TYPES.filter((type) => type !== 'LOCATED_IN' && !endpointProblem(type, labelsOf(from), labelsOf(to))).sort();
        expect(allowedLinkTypes(from, to), `${from} -> ${to}`).toEqual(accepted);
      }
    }
    expect(allowedLinkTypes('COMPANY', 'CLUSTER')).toContain('MEMBER_OF');
    expect(allowedLinkTypes('COMPANY', 'UNIVERSITY')).toContain('COLLABORATES_WITH');
    expect(allowedLinkTypes('UNIVERSITY', 'COMPANY')).not.toContain('TEACHES');
  });
});

describe('change cursors', () => {
  it('round-trip, and anything else is BAD_USER_INPUT on `after`', () => {
    const cursor = { at: '2026-12-01T13:53:00.123456789Z', id: 'c0ffee' };
    expect(decodeChangeCursor(encodeChangeCursor(cursor))).toEqual(cursor);
    expect(() => decodeChangeCursor('nope')).toThrow(/not a cursor/);
  });
});

describe('actor fields in the edit dialog', () => {
  it('are those ActorInput accepts, each offered for exactly the kinds whose GraphQL type shows it', () => {
    const schema = buildSchema();
    const input = schema.getType('ActorInput');
    expect(input && 'getFields' in input ? Object.keys(input.getFields()) : []).toEqual(expect.arrayContaining(ACTOR_FIELD_NAMES));
    for (const kind of ACTOR_KINDS) {
      const type = schema.getType(MODEL.kinds[kind].label);
      if (!isObjectType(type)) throw new Error(`no GraphQL type for ${kind}`);
      const shown = ACTOR_FIELD_NAMES.filter((field) => field in type.getFields());
      expect(fieldsOfKind(kind), kind).toEqual(shown);
    }
  });

  it('are checked as the API checks them, with the message for the field in French or English', () => {
    const company = readActorFields('COMPANY', { employees: '-3', sector: 'a'.repeat(201), size: 'SMALL', innovates: 'true', exports: '' }, 'fr', true);
    expect(Object.fromEntries(company.errors)).toEqual({ employees: 'Un nombre entier, 0 ou plus.', sector: `Au plus ${ACTOR_FIELDS.sector.max} caractères.` });
    // Emptied on an existing actor: null clears it in the API.
    expect(company.values).toEqual({ size: 'SMALL', innovates: true, exports: null });
    const fine = readActorFields('COMPANY', { employees: '1 200', sector: 'aéronautique', innovates: 'false' }, 'fr', false);
    expect(fine).toEqual({ values: { sector: 'aéronautique', innovates: false, employees: 1200 }, errors: new Map() });
    const institute = readActorFields('INSTITUTE', { founded: '20188', shortName: 'IE' }, 'en', false);
    expect(Object.fromEntries(institute.errors)).toEqual({ founded: 'A year, from 1000 to 2100.' });
    expect(institute.values).toEqual({ shortName: 'IE' });
  });
});
