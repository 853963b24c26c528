// What the explorer's editing offers agrees with what the API accepts; the change cursor round-trips.
import { describe, expect, it } from 'vitest';
import { allowedLinkTypes } from '../../explorer/src/editing.ts';
import { decodeChangeCursor, encodeChangeCursor } from '../../src/changes/list.ts';
import { ACTOR_KINDS, KIND_LABEL } from '../../src/domain/model.ts';
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
