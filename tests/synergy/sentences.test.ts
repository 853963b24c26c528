import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../src/domain/records.ts';
import { type Relationship, nameOf, pathExplanation, stepSentence } from '../../src/synergy/sentences.ts';

const n = (id: string, label: string, name: string, extra: Record<string, unknown> = {}): NodeRecord => ({
  id,
  labels: ['Entity', label],
  properties: { name, ...extra },
});
const rel = (type: string, start: NodeRecord, end: NodeRecord, properties: Record<string, unknown> = {}): Relationship => ({
  type,
  start,
  end,
  properties,
});

const utc = n('utc', 'Actor', 'Université de technologie de Compiègne', { shortName: 'UTC' });
const sme = n('sme', 'Actor', 'PME de Méaulte');
const meaulte = n('commune:80523', 'Commune', 'Méaulte');
const workshop = n('event:albert', 'Event', 'Albert workshop');
const innovation = n('competency:innovation', 'Competency', 'innovation');

describe('sentences', () => {
  it('names actors by short name and puts "the" before events', () => {
    expect([nameOf(utc), nameOf(workshop), nameOf(meaulte)]).toEqual(['UTC', 'the Albert workshop', 'Méaulte']);
  });

  it('says a step in its real direction with the properties worth saying', () => {
    expect(stepSentence(rel('NEEDS', sme, innovation, { weight: 0.8, responses: 12 }))).toBe(
      'PME de Méaulte needs innovation (weight 0.8 from 12 answers).',
    );
    expect(stepSentence(rel('COLLABORATES_WITH', sme, utc, { kind: 'apprenticeship', since: 2017 }))).toBe(
      'PME de Méaulte collaborates with UTC (apprenticeship) since 2017.',
    );
    expect(stepSentence(rel('ORGANIZED', utc, workshop, { role: 'host' }))).toBe('UTC organised the Albert workshop as host.');
  });

  it('chains a path walked against and along its relationships', () => {
    // Méaulte <-LOCATED_IN- sme -NEEDS-> innovation <-TEACHES- UTC
    expect(
      pathExplanation(meaulte, [rel('LOCATED_IN', sme, meaulte), rel('NEEDS', sme, innovation), rel('TEACHES', utc, innovation)]),
    ).toBe('Méaulte is home to PME de Méaulte, which needs innovation, taught by UTC.');
    expect(pathExplanation(sme, [rel('LOCATED_IN', sme, meaulte), rel('LOCATED_IN', utc, meaulte)])).toBe(
      'PME de Méaulte is located in Méaulte, home of UTC.',
    );
  });
});
