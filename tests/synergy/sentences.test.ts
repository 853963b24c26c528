import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../src/domain/records.ts';
import {
  type Relationship,
  langOfAcceptLanguage,
  nameOf,
  pathExplanation,
  pathExplanationIn,
  stepSentence,
  stepSentenceIn,
} from '../../src/synergy/sentences.ts';

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

describe('sentences in French', () => {
  const utcFr = n('utc', 'Actor', 'Université de technologie de Compiègne', { shortName: 'UTC', kind: 'UNIVERSITY' });
  const atelier = n('event:albert-workshop-2019', 'Event', "Atelier-débat d'Albert");
  const tournee = n('event:tour-2019', 'Event', "Tournée de l'innovation dans les territoires d'industrie");
  const altytud = n('altytud', 'Actor', 'ALTYTUD', { kind: 'CLUSTER' });
  const cpme = n('cpme', 'Actor', 'CPME', { kind: 'FUNDER' });
  const pia = n('program:pia', 'Program', "Programme d'Investissements d'Avenir", { shortName: 'PIA' });
  const bpi = n('bpifrance', 'Actor', 'Bpifrance', { kind: 'FUNDER' });

  it('elides and agrees: "l\'UTC a organisé l\'atelier-débat d\'Albert"', () => {
    expect(stepSentenceIn(rel('ORGANIZED', utcFr, atelier), 'FR')).toBe("L'UTC a organisé l'atelier-débat d'Albert.");
    expect(stepSentenceIn(rel('SUPPORTS', cpme, tournee), 'FR')).toBe("La CPME soutient la tournée de l'innovation dans les territoires d'industrie.");
    expect(stepSentenceIn(rel('PARTICIPATED_IN', altytud, atelier), 'FR')).toBe("ALTYTUD a participé à l'atelier-débat d'Albert.");
    expect(stepSentenceIn(rel('COLLABORATES_WITH', sme, utcFr, { since: 2017 }), 'FR')).toBe("La PME de Méaulte collabore avec l'UTC depuis 2017.");
    expect(stepSentenceIn(rel('LOCATED_IN', sme, meaulte), 'FR')).toBe('La PME de Méaulte est implantée à Méaulte.');
  });

  it('contracts "de le" into "du" and agrees past participles with the noun they follow', () => {
    expect(stepSentenceIn(rel('MEMBER_OF', altytud, pia), 'FR')).toBe('ALTYTUD est membre du PIA.');
    // tournée is feminine: organisée; atelier-débat is masculine: organisé.
    expect(pathExplanationIn(tournee, [rel('ORGANIZED', utcFr, tournee), rel('SUPPORTS', bpi, utcFr)], 'FR')).toBe(
      "La tournée de l'innovation dans les territoires d'industrie a été organisée par l'UTC, soutenue par Bpifrance.",
    );
    expect(pathExplanationIn(altytud, [rel('LED', altytud, atelier), rel('ORGANIZED', utcFr, atelier)], 'FR')).toBe(
      "ALTYTUD a codirigé l'atelier-débat d'Albert organisé par l'UTC.",
    );
  });

  it('keeps English as it was, and reads Accept-Language', () => {
    expect(stepSentenceIn(rel('ORGANIZED', utc, workshop, { role: 'host' }), 'EN')).toBe('UTC organised the Albert workshop as host.');
    expect([langOfAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.8'), langOfAcceptLanguage('en-GB'), langOfAcceptLanguage('de'), langOfAcceptLanguage(null)]).toEqual([
      'FR',
      'EN',
      undefined,
      undefined,
    ]);
  });
});

describe('sentences from the model registry', () => {
  const cci = n('cci-aisne', 'Actor', "CCI de l'Aisne", { kind: 'CHAMBER' });
  const laon = n('commune:02408', 'Commune', 'Laon');
  const somme = { id: 'department:80', labels: ['Entity', 'Territory', 'Department'], properties: { name: 'Somme', article: 'la' } };
  const tour = n('event:tour', 'Event', "Tournée de l'innovation");
  const ends: Record<string, [NodeRecord, NodeRecord]> = {
    LOCATED_IN: [cci, laon], PART_OF: [laon, somme], MEMBER_OF: [sme, cci], PARTNER_OF: [utc, cci], SUPPORTS: [cci, tour],
    CONTINUES: [utc, tour], ORGANIZED: [utc, tour], PARTICIPATED_IN: [sme, tour], HELD_IN: [tour, laon], SERVES: [cci, somme],
    WORKS_AT: [n('p', 'Person', 'Jeanne'), utc], LED: [utc, tour], NEEDS: [sme, innovation], TEACHES: [utc, innovation],
    COLLABORATES_WITH: [sme, utc],
  };

  it('every relationship type of the model reads in French and English, both ways, with no mark left', async () => {
    const { VIEWS } = await import('../../src/domain/model.ts');
    expect(Object.keys(ends).sort()).toEqual([...VIEWS.relationshipTypes].sort());
    for (const [type, [start, end]] of Object.entries(ends)) {
      const r = rel(type, start, end);
      for (const lang of ['FR', 'EN'] as const) {
        for (const sentence of [stepSentenceIn(r, lang), pathExplanationIn(start, [r], lang), pathExplanationIn(end, [r], lang)]) {
          expect(sentence, `${type} ${lang}`).not.toMatch(/[{}]|linked \(|lié \(/);
        }
      }
    }
  });

  it('agrees participles with the subject or the object, and places the noun after its preposition', () => {
    expect(stepSentenceIn(rel('LOCATED_IN', cci, laon), 'FR')).toBe("La CCI de l'Aisne est implantée à Laon.");
    expect(stepSentenceIn(rel('SERVES', cci, somme), 'FR')).toBe("La CCI de l'Aisne intervient dans la Somme.");
    const sevres = { id: 'department:79', labels: ['Entity', 'Territory', 'Department'], properties: { name: 'Deux-Sèvres', article: 'les' } };
    expect(stepSentenceIn(rel('PART_OF', n('commune:79191', 'Commune', 'Niort'), sevres), 'FR')).toBe('Niort fait partie des Deux-Sèvres.');
    expect(pathExplanationIn(laon, [rel('LOCATED_IN', cci, laon)], 'FR')).toBe("Laon, où est implantée la CCI de l'Aisne.");
    expect(pathExplanationIn(sme, [rel('PARTICIPATED_IN', sme, tour), rel('ORGANIZED', utc, tour)], 'FR')).toBe(
      "La PME de Méaulte a participé à la tournée de l'innovation organisée par UTC.",
    );
    expect(stepSentenceIn(rel('LED', n('p', 'Person', 'Jeanne'), tour, { role: 'animatrice' }), 'EN')).toBe('Jeanne led the Tournée de l\'innovation.');
  });
});
