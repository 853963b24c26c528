/** The admission of heavy work (src/access/heavy-work.ts) on a clock the test moves. */
import { describe, expect, it } from 'vitest';
import { HeavyWork, heavyRefusalMessage, type HeavyRefusal, type HeavyTicket } from '../../src/access/heavy-work.ts';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}
const admitted = (x: HeavyTicket | HeavyRefusal): HeavyTicket => {
  if ('why' in x) throw new Error(`refused: ${x.why}`);
  return x;
};

describe('heavy work admission', () => {
  it('bounds one client at once (HEAVY_PER_CLIENT) and frees the slot on leave', () => {
    const heavy = new HeavyWork({ perClient: 1, atOnce: 10, perMinute: 100, secondsPerMinute: 60 }, clock().now);
    const first = admitted(heavy.enter('a'));
    expect(heavy.enter('a')).toMatchObject({ why: 'client-at-once', limit: 1 });
    admitted(heavy.enter('b'));
    first.leave();
    first.leave(); // idempotent: a second leave frees nothing more
    admitted(heavy.enter('a'));
    expect(heavy.enter('a')).toMatchObject({ why: 'client-at-once' });
  });

  it('bounds every client together (HEAVY_AT_ONCE)', () => {
    const heavy = new HeavyWork({ perClient: 2, atOnce: 2, perMinute: 100, secondsPerMinute: 60 }, clock().now);
    const a = admitted(heavy.enter('a'));
    admitted(heavy.enter('b'));
    expect(heavy.enter('c')).toMatchObject({ why: 'server-at-once', limit: 2 });
    a.leave();
    admitted(heavy.enter('c'));
  });

  it('charges each client the seconds its heavy work lasted, drained over the minute (HEAVY_SECONDS_PER_MINUTE)', () => {
    const time = clock();
    const heavy = new HeavyWork({ perClient: 2, atOnce: 4, perMinute: 100, secondsPerMinute: 10 }, time.now);
    // 12 s of work: past the 10 s a minute.
    const long = admitted(heavy.enter('a'));
    time.advance(12_000);
    long.leave();
    const refused = heavy.enter('a');
    expect(refused).toMatchObject({ why: 'client-time', limit: 10 });
    // 2 s over the budget drain at 10/60 s per second: 12 s, then one more to be sure.
    expect((refused as HeavyRefusal).retryAfterS).toBe(13);
    // Another client is not charged for it.
    admitted(heavy.enter('b')).leave();
    // After the retry time the client is admitted again.
    time.advance(13_000);
    admitted(heavy.enter('a')).leave();
  });

  it('bounds how many heavy requests one client starts in a minute (HEAVY_PER_MINUTE), however short', () => {
    const time = clock();
    const heavy = new HeavyWork({ perClient: 2, atOnce: 4, perMinute: 6, secondsPerMinute: 60 }, time.now);
    for (let i = 0; i < 6; i++) admitted(heavy.enter('a')).leave();
    const refused = heavy.enter('a');
    expect(refused).toMatchObject({ why: 'client-rate', limit: 6 });
    // One over six drains in 10 s (6 a minute), then one more second.
    expect((refused as HeavyRefusal).retryAfterS).toBe(11);
    admitted(heavy.enter('b')).leave();
    time.advance(10_000);
    admitted(heavy.enter('a')).leave();
    expect(heavy.enter('a')).toMatchObject({ why: 'client-rate' });
  });

  it('never refuses small work at a person’s pace, and always runs one long request', () => {
    const time = clock();
    const heavy = new HeavyWork({ perClient: 1, atOnce: 1, perMinute: 60, secondsPerMinute: 60 }, time.now);
    // A cold territory that takes 57 s runs; the next request is admitted (57 s < 60 s).
    const cold = admitted(heavy.enter('a'));
    time.advance(57_000);
    cold.leave();
    admitted(heavy.enter('a')).leave();
    time.advance(60_000);
    for (let i = 0; i < 60; i++) {
      const ticket = admitted(heavy.enter('a'));
      time.advance(200); // 200 ms of work, every second
      ticket.leave();
      time.advance(800);
    }
  });

  it('says which setting was met, in French and in English', () => {
    const refusals: HeavyRefusal[] = [
      { why: 'client-at-once', limit: 2, retryAfterS: 1 },
      { why: 'server-at-once', limit: 4, retryAfterS: 2 },
      { why: 'client-time', limit: 20, retryAfterS: 7 },
      { why: 'client-rate', limit: 60, retryAfterS: 3 },
    ];
    const settings = ['HEAVY_PER_CLIENT', 'HEAVY_AT_ONCE', 'HEAVY_SECONDS_PER_MINUTE', 'HEAVY_PER_MINUTE'];
    refusals.forEach((refusal, i) => {
      expect(heavyRefusalMessage(refusal, 'FR')).toContain(settings[i]);
      expect(heavyRefusalMessage(refusal, 'EN')).toContain(settings[i]);
    });
    expect(heavyRefusalMessage(refusals[2]!, 'FR')).toMatch(/réessayez dans 7 s/);
  });
});
