/**
 * One answer to the questionnaire, in one transaction: the company (a new one for a public link,
 * the invited one for an invitation), its SurveyAnswer nodes (those of the same respondent
 * replaced: answering again with an invitation updates, never doubles), a SurveyResponse (the
 * comment, dates), and the company's NEEDS recomputed by the same Cypher as the CSV import
 * (RECOMPUTE_NEEDS, src/seed/survey.ts). The company's write is a recorded change by
 * `questionnaire:<campaign id>`.
 *
 *   await submitSurveyAnswer(db, token, { company: { name, communeId, size: 'SMALL', sector, innovates: true, exports: false },
 *     needs: [{ competencyId: 'competency:export-markets', priority: 5 }], comment: null })
 *   // { respondentId: 'respondent:…', updated: false, needs: 1 }
 *
 * A link writes nothing but its own campaign's answers: the company is the link's (invitation) or
 * a new one (public link), every competency must be of the campaign's framework, and the commune
 * inside its territory.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../neo4j/database.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import { text } from '../actors/upsert.ts';
import { searchFields } from '../search/french.ts';
import { answerNode } from '../seed/load.ts';
import { MAX_PRIORITY, RECOMPUTE_NEEDS } from '../seed/survey.ts';
import { PRESENCE_LOCK, refreshPresence } from '../territories/stored-presence.ts';
import { actorSnapshot, createChange } from '../changes/record.ts';
import { CAMPAIGN_OF_TOKEN, FRAMEWORK_OF } from './form.ts';
import { invitationRespondentId, surveyTokenHash } from './tokens.ts';

export const MAX_NEEDS = 30;
export const COMPANY_SIZES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;

const ANSWER_INPUT = z.object({
  company: z.object({
    name: text(300),
    communeId: z.string().min(1, 'must not be empty'),
    size: z.enum(COMPANY_SIZES),
    sector: text(200),
    innovates: z.boolean(),
    exports: z.boolean(),
  }),
  needs: z
    .array(z.object({ competencyId: z.string().min(1), priority: z.number().int().min(1, `must be 1 to ${MAX_PRIORITY}`).max(MAX_PRIORITY, `must be 1 to ${MAX_PRIORITY}`) }))
    .max(MAX_NEEDS, `at most ${MAX_NEEDS} competencies`)
    .refine((needs) => new Set(needs.map((n) => n.competencyId)).size === needs.length, 'each competency at most once'),
  comment: z.string().max(2000, 'must be at most 2000 characters').refine((v) => v.isWellFormed(), 'must be valid Unicode text').nullish(),
});

export type SurveyAnswerInput = z.input<typeof ANSWER_INPUT>;

export interface SurveyReceipt {
  respondentId: string;
  updated: boolean;
  needs: number;
}

type Problem = 'no-link' | 'closed' | 'no-commune' | 'outside-territory' | 'competency';

// The presence lock first: the company's stored presence is refreshed in the same transaction.
const SUBMIT = `${PRESENCE_LOCK}
${CAMPAIGN_OF_TOKEN}
OPTIONAL MATCH (commune:Entity:Commune {id: $company.communeId})
WITH inv, camp, commune, today, [n IN $needs WHERE NOT EXISTS { MATCH (k:Entity:Competency {id: n.competency}) WHERE ${FRAMEWORK_OF('camp', 'k')} } | n.competency] AS outside
WITH inv, camp, commune, outside, CASE
  WHEN camp IS NULL THEN 'no-link'
  WHEN NOT (camp.opensOn <= today <= camp.closesOn) THEN 'closed'
  WHEN commune IS NULL THEN 'no-commune'
  WHEN camp.territoryId IS NOT NULL AND commune.id <> camp.territoryId
    AND NOT EXISTS { MATCH (commune)-[:PART_OF*1..4]->(:Entity:Territory {id: camp.territoryId}) } THEN 'outside-territory'
  WHEN size(outside) > 0 THEN 'competency'
END AS problem
OPTIONAL CALL (inv, camp, commune, problem) {
  WITH inv, camp, commune, problem WHERE problem IS NULL
  WITH inv, camp, commune,
    CASE WHEN inv IS NULL THEN $newRespondent ELSE $invitationRespondent END AS respondentId,
    coalesce(inv.company, $newCompany) AS companyId
  OPTIONAL MATCH (old:Entity:Company {id: companyId})
  WITH inv, camp, commune, respondentId, companyId, ${actorSnapshot('old')} AS before, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS restore
  MERGE (c:Entity {id: companyId})
    ON CREATE SET c:Actor:Company, c.kind = 'COMPANY', c.source = 'questionnaire'
  SET c += $company.props, c.version = coalesce(c.version, 0) + 1
  WITH inv, camp, commune, respondentId, c, before, restore
  CALL (c) { MATCH (c)-[located:LOCATED_IN]->() DELETE located }
  MERGE (c)-[l:LOCATED_IN]->(commune) ON CREATE SET l.source = 'questionnaire'
  WITH inv, camp, respondentId, c, before, restore, ${actorSnapshot('c')} AS after
  ${createChange('change', "'questionnaire:' + camp.id", {
    operation: "CASE WHEN before IS NULL THEN 'CREATE_ACTOR' ELSE 'UPDATE_ACTOR' END",
    actorId: 'c.id',
    before: 'before',
    after: 'after',
    restore: 'restore',
  })}
  MERGE (r:SurveyResponse {id: respondentId})
    ON CREATE SET r.campaign = camp.id, r.company = c.id, r.submittedAt = datetime(), r.createdCompany = inv IS NULL
  SET r.updatedAt = datetime(), r.comment = $comment, r.submissions = coalesce(r.submissions, 0) + 1
  WITH r, c
  CALL (r) { MATCH (a:SurveyAnswer {respondent: r.id}) DETACH DELETE a }
  CALL (r, c) {
    UNWIND $needs AS n
    CREATE (a:Entity:SurveyAnswer)
    SET a = n.properties, a.id = 'answer:' + r.id + ':' + n.competency, a.company = c.id, a.respondent = r.id, a.campaign = r.campaign
  }
  WITH r, c, [c.id] AS presenceTouched
  ${refreshPresence('presenceTouched', '[]', 'presenceTouched').replaceAll('\n', '\n  ')}
  WITH r, c
  ${RECOMPUTE_NEEDS}
  RETURN r.id AS respondentId, r.submissions > 1 AS updated, size($needs) AS needs
}
RETURN problem, outside[0] AS outside, respondentId, updated, needs`;

export async function submitSurveyAnswer(db: Database, token: string, input: SurveyAnswerInput): Promise<SurveyReceipt> {
  const parsed = ANSWER_INPUT.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['answer', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    throw new BadInputError(`${path.join('.')}: ${issue.message}.`, path);
  }
  const { company, needs, comment } = parsed.data;
  const hash = surveyTokenHash(token);
  const [row] = await db.write<{ problem: Problem | null; outside: string | null } & Partial<SurveyReceipt>>(SUBMIT, {
    hash,
    newRespondent: `respondent:${randomUUID()}`,
    invitationRespondent: invitationRespondentId(hash),
    newCompany: `survey:${randomUUID()}`,
    company: {
      communeId: company.communeId,
      props: {
        name: company.name,
        size: company.size,
        sector: company.sector,
        innovates: company.innovates,
        exports: company.exports,
        ...searchFields({ name: company.name }),
      },
    },
    // The same answer properties as a CSV import's (answerNode); company and ids are set in Cypher.
    needs: needs.map((n) => ({
      competency: n.competencyId,
      properties: answerNode({ answer: '', company: '', competency: n.competencyId, priority: n.priority, source: 'questionnaire', origin: 'questionnaire' }).properties,
    })),
    comment: comment ?? null,
    maxPriority: MAX_PRIORITY,
  });
  switch (row?.problem ?? null) {
    case 'no-link':
      throw new NotFoundError('survey link', '(the token given)');
    case 'closed':
      throw new BadInputError('token: this questionnaire is not open today.', ['token']);
    case 'no-commune':
      throw new NotFoundError('commune', company.communeId);
    case 'outside-territory':
      throw new BadInputError(`answer.company.communeId: "${company.communeId}" is outside the campaign's territory.`, ['answer', 'company', 'communeId']);
    case 'competency': {
      const index = needs.findIndex((n) => n.competencyId === row?.outside);
      throw new BadInputError(`answer.needs.${index}.competencyId: "${row?.outside}" is not a competency of this campaign's framework.`, ['answer', 'needs', index, 'competencyId']);
    }
  }
  return { respondentId: row!.respondentId!, updated: row!.updated!, needs: row!.needs ?? 0 };
}
