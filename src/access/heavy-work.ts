/**
 * Heavy work (the heavy GraphQL fields actorGraph, networkShape, territoryReport, and the report
 * routes /report/...) admitted per client (src/access/client-key.ts) and for the whole server. Three
 * bounds, all named settings:
 *   - HEAVY_PER_CLIENT: what one client runs at once;
 *   - HEAVY_AT_ONCE: what every client together runs at once, so many clients cannot fill the
 *     machine either;
 *   - HEAVY_PER_MINUTE: how many heavy requests one client starts in a minute (a leaky bucket). A
 *     person opening territories in the explorer makes a few; a script asking for the whole network
 *     again and again (each answer a few milliseconds from the cache, but megabytes to serialise)
 *     meets it and leaves the rest of the machine to the others;
 *   - HEAVY_SECONDS_PER_MINUTE: the seconds of heavy work one client may keep the server busy with
 *     in a minute (a leaky bucket charged with each request's duration), for a client that defeats
 *     the cache with ever new arguments. A request is admitted while the client's bucket is below
 *     the setting, so one long request (a cold territory at 1M relationships) always runs, and the
 *     client waits after it.
 *
 *   const heavy = new HeavyWork({ perClient: 2, atOnce: 4, perMinute: 60, secondsPerMinute: 60 });
 *   const ticket = heavy.enter(client, request.signal);
 *   if ('why' in ticket) return refuse(heavyRefusalMessage(ticket, 'EN'));   // 429 RATE_LIMITED
 *   try { await work(); } finally { ticket.leave(); }
 */
export interface HeavyLimits {
  perClient: number;
  atOnce: number;
  perMinute: number;
  secondsPerMinute: number;
}

export type HeavyRefusal =
  | { why: 'client-at-once'; limit: number; retryAfterS: number }
  | { why: 'server-at-once'; limit: number; retryAfterS: number }
  | { why: 'client-rate'; limit: number; retryAfterS: number }
  | { why: 'client-time'; limit: number; retryAfterS: number };

export interface HeavyTicket {
  /** Ends the work and charges its duration to the client's minute. Idempotent. */
  leave(): void;
}

/** A leaky bucket: its level `amount` when last changed, `at` (ms). */
interface Bucket {
  amount: number;
  at: number;
}

/** A bucket's level at `at`: its amount drained at `perMinute` / 60 per second since it last changed. */
function level(bucket: Bucket | undefined, perMinute: number, at: number): number {
  if (!bucket) return 0;
  return Math.max(0, bucket.amount - ((at - bucket.at) / 1000) * (perMinute / 60));
}

/** Past this many clients in the time map, entries that have drained are dropped. */
const SWEEP_AT = 10_000;

export class HeavyWork {
  readonly limits: HeavyLimits;
  private readonly running = new Map<string, number>();
  /** Seconds of heavy work charged to a client: a bucket drained at secondsPerMinute / 60 per second. */
  private readonly spent = new Map<string, Bucket>();
  /** Heavy requests a client started: a bucket drained at perMinute / 60 per second. */
  private readonly started = new Map<string, Bucket>();
  private total = 0;
  private readonly now: () => number;

  constructor(limits: HeavyLimits, now: () => number = () => performance.now()) {
    this.limits = limits;
    this.now = now;
  }

  /** Seconds to wait until a bucket at `level` is below `limit` again. */
  private static retryAfter(level: number, limit: number): number {
    return Math.max(1, Math.ceil(((level - limit) * 60) / limit) + 1);
  }

  private charged(client: string, at: number): number {
    return level(this.spent.get(client), this.limits.secondsPerMinute, at);
  }

  private startedCount(client: string, at: number): number {
    return level(this.started.get(client), this.limits.perMinute, at);
  }

  /**
   * `abandoned`: the request's abort signal. A client that hangs up leaves at once: its queries are
   * being stopped (src/neo4j/database.ts), and its next request must not wait for them.
   */
  enter(client: string, abandoned?: AbortSignal): HeavyTicket | HeavyRefusal {
    const { perClient, atOnce, perMinute, secondsPerMinute } = this.limits;
    const mine = this.running.get(client) ?? 0;
    if (mine >= perClient) return { why: 'client-at-once', limit: perClient, retryAfterS: 1 };
    if (this.total >= atOnce) return { why: 'server-at-once', limit: atOnce, retryAfterS: 2 };
    const start = this.now();
    const count = this.startedCount(client, start);
    if (count + 1 > perMinute) return { why: 'client-rate', limit: perMinute, retryAfterS: HeavyWork.retryAfter(count + 1, perMinute) };
    const charged = this.charged(client, start);
    if (charged >= secondsPerMinute) return { why: 'client-time', limit: secondsPerMinute, retryAfterS: HeavyWork.retryAfter(charged, secondsPerMinute) };
    this.started.set(client, { amount: count + 1, at: start });
    this.running.set(client, mine + 1);
    this.total += 1;
    let open = true;
    const leave = () => {
      if (!open) return;
      open = false;
      this.total -= 1;
      const left = (this.running.get(client) ?? 1) - 1;
      if (left <= 0) this.running.delete(client);
      else this.running.set(client, left);
      const end = this.now();
      this.spent.set(client, { amount: this.charged(client, end) + (end - start) / 1000, at: end });
      if (this.spent.size > SWEEP_AT || this.started.size > SWEEP_AT) this.sweep(end);
    };
    abandoned?.addEventListener('abort', leave, { once: true });
    return { leave };
  }

  private sweep(at: number): void {
    for (const client of this.spent.keys()) if (this.charged(client, at) === 0) this.spent.delete(client);
    for (const client of this.started.keys()) if (this.startedCount(client, at) === 0) this.started.delete(client);
  }
}

/** The server's one admission, from the limits of the config. */
export function heavyWorkOf(limits: { heavyPerClient: number; heavyAtOnce: number; heavyPerMinute: number; heavySecondsPerMinute: number }): HeavyWork {
  return new HeavyWork({
    perClient: limits.heavyPerClient,
    atOnce: limits.heavyAtOnce,
    perMinute: limits.heavyPerMinute,
    secondsPerMinute: limits.heavySecondsPerMinute,
  });
}

const HEAVY_EN = 'heavy requests (actorGraph/networkShape/territoryReport operations, reports)';

/** The sentence a refused client reads, naming the setting it met. */
export function heavyRefusalMessage(refusal: HeavyRefusal, lang: 'FR' | 'EN'): string {
  const { limit, retryAfterS } = refusal;
  switch (refusal.why) {
    case 'client-at-once':
      return lang === 'FR'
        ? `Vous avez déjà ${limit === 1 ? 'un rapport ou calcul lourd' : `${limit} rapports ou calculs lourds`} en cours, le maximum (HEAVY_PER_CLIENT) : réessayez quand ${limit === 1 ? 'il sera terminé' : 'l’un d’eux sera terminé'}.`
        : `You are already running ${limit} ${HEAVY_EN}, the most allowed at once (HEAVY_PER_CLIENT): wait for one to finish.`;
    case 'server-at-once':
      return lang === 'FR'
        ? `Le serveur produit déjà ${limit} rapports ou calculs lourds pour l’ensemble des utilisateurs, le maximum (HEAVY_AT_ONCE) : réessayez dans ${retryAfterS} s.`
        : `The server is already running ${limit} ${HEAVY_EN} for all its clients, the most allowed at once (HEAVY_AT_ONCE): try again in ${retryAfterS} s.`;
    case 'client-rate':
      return lang === 'FR'
        ? `Vous avez demandé plus de ${limit} rapports ou calculs lourds dans la dernière minute, le maximum (HEAVY_PER_MINUTE) : réessayez dans ${retryAfterS} s.`
        : `You started more than ${limit} ${HEAVY_EN} in the last minute, the most allowed (HEAVY_PER_MINUTE): try again in ${retryAfterS} s.`;
    case 'client-time':
      return lang === 'FR'
        ? `Vos rapports et calculs lourds ont occupé le serveur plus de ${limit} s dans la dernière minute, le maximum (HEAVY_SECONDS_PER_MINUTE) : réessayez dans ${retryAfterS} s, ou demandez un territoire plus petit.`
        : `Your ${HEAVY_EN} kept the server busy for more than ${limit} s in the last minute, the most allowed (HEAVY_SECONDS_PER_MINUTE): try again in ${retryAfterS} s, or ask for a smaller territory.`;
  }
}
