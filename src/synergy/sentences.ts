/**
 * English sentences from relationship types and properties: one per step, one for a whole path.
 *
 *   stepSentence({ type: 'ORGANIZED', start: utc, end: workshop, properties: { role: 'host' } })
 *   // "UTC organised the Albert workshop as host."
 *   pathExplanation(altytud, [led, organized, partner, supports])   // walked from ALTYTUD to Bpifrance
 *   // "ALTYTUD co-led the Albert workshop organised by UTC, which is a partner of InnovENT-E, supported by Bpifrance."
 */
import type { NodeRecord } from '../domain/records.ts';

/** A relationship as stored: its real start and end, whatever the direction a path walks it. */
export interface Relationship {
  type: string;
  start: NodeRecord;
  end: NodeRecord;
  properties: Readonly<Record<string, unknown>>;
}

interface Phrasing {
  /** Verb phrase with the real subject: "UTC [organised] the workshop". */
  active: string;
  /** Phrase hung after the object when a path walks the relationship backwards: "the workshop [organised by] UTC". */
  passive: string;
  /** Verb of a sentence that starts at the object: "the workshop [was organised by] UTC". */
  passiveClause: string;
  /** Symmetric in meaning (partners, collaborators): both directions read the same. */
  symmetric?: boolean;
}

function phrasing(rel: Relationship): Phrasing {
  switch (rel.type) {
    case 'ORGANIZED':
      return { active: 'organised', passive: 'organised by', passiveClause: 'was organised by' };
    case 'LED': {
      const role = typeof rel.properties.role === 'string' ? rel.properties.role : '';
      const co = !rel.start.labels.includes('Person') || /co/i.test(role) ? 'co-led' : 'led';
      return { active: co, passive: `${co} by`, passiveClause: `was ${co} by` };
    }
    case 'PARTICIPATED_IN':
      return { active: 'took part in', passive: 'attended by', passiveClause: 'was attended by' };
    case 'SUPPORTS':
      return { active: 'supports', passive: 'supported by', passiveClause: 'is supported by' };
    case 'PARTNER_OF':
      return { active: 'is a partner of', passive: '', passiveClause: '', symmetric: true };
    case 'COLLABORATES_WITH':
      return { active: 'collaborates with', passive: '', passiveClause: '', symmetric: true };
    case 'MEMBER_OF':
      return { active: 'is a member of', passive: 'which includes', passiveClause: 'includes' };
    case 'CONTINUES':
      return { active: 'carries on', passive: 'carried on by', passiveClause: 'is carried on by' };
    case 'WORKS_AT':
      return { active: 'works at', passive: 'which employs', passiveClause: 'employs' };
    case 'LOCATED_IN':
      return { active: 'is located in', passive: 'home of', passiveClause: 'is home to' };
    case 'HELD_IN':
      return { active: 'was held in', passive: 'which hosted', passiveClause: 'hosted' };
    case 'PART_OF':
      return { active: 'is part of', passive: 'which includes', passiveClause: 'includes' };
    case 'NEEDS':
      return { active: 'needs', passive: 'needed by', passiveClause: 'is needed by' };
    case 'TEACHES':
      return { active: 'teaches', passive: 'taught by', passiveClause: 'is taught by' };
    default: {
      const words = rel.type.toLowerCase().replaceAll('_', ' ');
      return { active: `is linked (${words}) to`, passive: `linked (${words}) to`, passiveClause: `is linked (${words}) to` };
    }
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** How a node is named in a sentence: short name of an actor, "the" before events and programmes. */
export function nameOf(node: NodeRecord): string {
  const name = text(node.properties.shortName) ?? text(node.properties.name) ?? node.id;
  const needsArticle = node.labels.includes('Event') || node.labels.includes('Program');
  return needsArticle && !/^(the|l[ae]s?|l')\b/i.test(name) ? `the ${name}` : name;
}

/** The properties worth saying: role, kind, since, survey weight, trainings. */
function details(rel: Relationship): string {
  const p = rel.properties;
  const parts: string[] = [];
  const role = text(p.role);
  if (role && rel.type !== 'LED') parts.push(` as ${role}`);
  const kind = text(p.kind);
  if (kind && (rel.type === 'COLLABORATES_WITH' || rel.type === 'PARTNER_OF')) parts.push(` (${kind})`);
  const scope = text(p.scope);
  if (scope && rel.type === 'SUPPORTS') parts.push(` (${scope})`);
  if (p.since !== undefined && p.since !== null) parts.push(` since ${String(p.since)}`);
  if (rel.type === 'NEEDS' && typeof p.weight === 'number') {
    const answers = typeof p.responses === 'number' ? ` from ${p.responses} answers` : '';
    parts.push(` (weight ${round2(p.weight)}${answers})`);
  }
  if (rel.type === 'TEACHES' && typeof p.trainings === 'number') {
    parts.push(` (${p.trainings} training${p.trainings === 1 ? '' : 's'}${p.labelled === true ? ', labelled' : ''})`);
  }
  return parts.join('');
}

function round2(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The sentence of one relationship, read in its real direction. */
export function stepSentence(rel: Relationship): string {
  return `${nameOf(rel.start)} ${phrasing(rel).active} ${nameOf(rel.end)}${details(rel)}.`;
}

/**
 * One sentence for a whole path walked from `first`: the first relationship is a clause, each next
 * one hangs on the node reached so far ("..., which is a partner of X", "... organised by Y").
 */
export function pathExplanation(first: NodeRecord, rels: readonly Relationship[]): string {
  if (rels.length === 0) return `${capitalise(nameOf(first))} is the actor you asked about: nothing to cross.`;
  let at = first;
  let sentence = '';
  rels.forEach((rel, index) => {
    const forward = rel.start.id === at.id;
    const next = forward ? rel.end : rel.start;
    const words = phrasing(rel);
    if (index === 0) {
      const verb = forward || words.symmetric ? words.active : words.passiveClause;
      sentence = `${nameOf(at)} ${verb} ${nameOf(next)}`;
    } else if (forward || words.symmetric) {
      sentence += `, which ${words.active} ${nameOf(next)}`;
    } else {
      // "the workshop organised by UTC" reads as one noun phrase; anything else gets a comma.
      const comma = index === 1 && words.passive.endsWith(' by') ? '' : ',';
      sentence += `${comma} ${words.passive} ${nameOf(next)}`;
    }
    at = next;
  });
  return `${capitalise(sentence)}.`;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
