/**
 * Fails fast while Neo4j is unreachable, instead of letting every request wait out the driver's
 * retries (10 s and more each). The first query that finds it down closes the gate; a probe then
 * pings every second and opens it again as soon as Neo4j answers.
 *
 *   const gate = new AvailabilityGate(() => db.ping());
 *   gate.check();            // throws ServiceUnavailable at once while the gate is closed
 *   gate.observe(error);     // closes it when `error` says Neo4j cannot be reached
 */
import { Neo4jError, error as driverErrors } from 'neo4j-driver';
import { isDatabaseUnavailable } from './errors.ts';

export { isDatabaseUnavailable, isPoolBusy } from './errors.ts';

export class AvailabilityGate {
  private downSince: Date | undefined;
  private probe: NodeJS.Timeout | undefined;
  private readonly ping: () => Promise<boolean>;
  private readonly probeEveryMs: number;

  constructor(ping: () => Promise<boolean>, probeEveryMs = 1_000) {
    this.ping = ping;
    this.probeEveryMs = probeEveryMs;
  }

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** Throws the driver's own ServiceUnavailable error, so it maps like any other outage. */
  check(): void {
    if (this.downSince) {
      throw new Neo4jError(
        `Neo4j has not been reachable since ${this.downSince.toISOString()}`,
        driverErrors.SERVICE_UNAVAILABLE,
        'N/A',
        'N/A',
      );
    }
  }

  observe(error: unknown): void {
    if (isDatabaseUnavailable(error)) this.closeNow();
  }

  /** Closes the gate (the owned Neo4j is known dead); the probe reopens it, or `reopen`. */
  closeNow(): void {
    if (this.downSince) return;
    this.downSince = new Date();
    const tick = () => {
      this.probe = setTimeout(() => {
        void this.ping().then((up) => (up ? this.reopen() : tick()));
      }, this.probeEveryMs);
      this.probe.unref();
    };
    tick();
  }

  reopen(): void {
    clearTimeout(this.probe);
    this.probe = undefined;
    this.downSince = undefined;
  }

  close(): void {
    clearTimeout(this.probe);
  }
}
