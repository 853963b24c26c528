/**
 * How many heavy requests each client (src/access/client-key.ts) is running now: the heavy GraphQL
 * fields (actorGraph, networkShape, territoryReport) and the report routes (/report/...) share one
 * count, so HEAVY_PER_CLIENT bounds a client whatever door it uses.
 *
 *   const heavy = new HeavyWork(2);
 *   if (!heavy.enter(client)) return tooMany();   // 429 RATE_LIMITED
 *   try { await work(); } finally { heavy.leave(client); }
 */
export class HeavyWork {
  private readonly counts = new Map<string, number>();
  readonly perClient: number;

  constructor(perClient: number) {
    this.perClient = perClient;
  }

  /** false: the client already runs `perClient` heavy requests. */
  enter(client: string): boolean {
    const now = this.counts.get(client) ?? 0;
    if (now >= this.perClient) return false;
    this.counts.set(client, now + 1);
    return true;
  }

  leave(client: string): void {
    const now = (this.counts.get(client) ?? 1) - 1;
    if (now <= 0) this.counts.delete(client);
    else this.counts.set(client, now);
  }
}
