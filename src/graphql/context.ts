/**
 * What every resolver receives. One per GraphQL request.
 */
import type { Principal } from '../access/roles.ts';
import type { Database, QueryObserver } from '../neo4j/database.ts';
import type { PlanCache } from './lookahead/plan-cache.ts';
import type { SurveyRateLimits } from '../survey/rate-limit.ts';

export interface GraphQLContext {
  db: Database;
  requestId: string;
  /** Who is calling (set by the access plugin); null for anonymous callers. */
  principal: Principal | null;
  /** Cypher queries this request has sent so far (the one-query-per-request budget is tested). */
  cypherCount: number;
  /**
   * Counts and times the request's queries. `db` is scoped with it (src/graphql/server.ts): resolvers
   * and domain functions never pass it by hand.
   */
  observer: QueryObserver;
  /** The server's look-ahead plans, kept per operation (shared by every request of one server). */
  plans: PlanCache;
  /**
   * Who the caller is for per-client budgets (src/access/client-key.ts), and the questionnaire's
   * rate limits; absent outside an HTTP server (no limit then).
   */
  client?: { key(): string; surveyLimits: SurveyRateLimits };
}
