/**
 * Questionnaire submissions are public: at most SURVEY_RATE_PER_CLIENT a minute per client (its
 * address, src/access/client-key.ts) and SURVEY_RATE_PER_CAMPAIGN a minute per link (a public link
 * is its campaign's one link), before any Cypher runs. 0 turns a limit off.
 *
 *   const limits = new SurveyRateLimits(20, 3000);
 *   await limits.consume('ip:203.0.113.7', tokenHash);   // or throws RateLimitedError
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../domain/errors.ts';

export class SurveyRateLimits {
  private readonly perClient: RateLimiterMemory | null;
  private readonly perLink: RateLimiterMemory | null;

  readonly clientPerMinute: number;
  readonly linkPerMinute: number;

  constructor(clientPerMinute: number, linkPerMinute: number) {
    this.clientPerMinute = clientPerMinute;
    this.linkPerMinute = linkPerMinute;
    this.perClient = clientPerMinute > 0 ? new RateLimiterMemory({ points: clientPerMinute, duration: 60, keyPrefix: 'survey-client' }) : null;
    this.perLink = linkPerMinute > 0 ? new RateLimiterMemory({ points: linkPerMinute, duration: 60, keyPrefix: 'survey-link' }) : null;
  }

  async consume(clientKey: string, tokenHash: string): Promise<void> {
    try {
      await this.perClient?.consume(clientKey);
    } catch (res) {
      throw limited(res, `at most ${this.clientPerMinute} answers a minute from one client (SURVEY_RATE_PER_CLIENT)`);
    }
    try {
      await this.perLink?.consume(tokenHash);
    } catch (res) {
      throw limited(res, `at most ${this.linkPerMinute} answers a minute through one link (SURVEY_RATE_PER_CAMPAIGN)`);
    }
  }
}

function limited(res: unknown, what: string): Error {
  if (!(res instanceof RateLimiterRes)) return res instanceof Error ? res : new Error(String(res));
  const retry = Math.ceil(res.msBeforeNext / 1000);
  return new RateLimitedError(`Too many answers: ${what}. Retry in ${retry} s.`, retry);
}
