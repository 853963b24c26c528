/**
 * Survey links' secrets: random, shown once, kept only as SHA-256 hashes (like API keys).
 *
 *   const token = newSurveyToken();   // 'q3Jx...' (24 characters, URL-safe)
 *   surveyTokenHash(token)            // '9f86d0...' (64 hex digits): what Neo4j stores and looks up
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSurveyToken(): string {
  return randomBytes(18).toString('base64url');
}

export function surveyTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A respondent answering through an invitation is always the same one: its id comes from the link. */
export function invitationRespondentId(hash: string): string {
  return `respondent:${hash.slice(0, 24)}`;
}
