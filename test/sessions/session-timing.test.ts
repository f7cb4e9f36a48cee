import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../shared/sessions/backoff';
import { graceWithinGrant, grantSchedule, timeLeftWords } from '../../shared/sessions/grant-timing';

describe('reconnectDelay', () => {
  it('doubles from the first wait up to the longest', () => {
    const backoff = { initialMs: 1000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((attempt) => reconnectDelay(attempt, backoff))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});

describe('grantSchedule', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('warns five minutes and one minute ahead, then expires', () => {
    const end = now + 60 * 60_000;
    expect(grantSchedule(end, now).map(({ at, kind }) => ({ at: at - now, kind }))).toEqual([
      { at: 55 * 60_000, kind: 'warning' },
      { at: 59 * 60_000, kind: 'warning' },
      { at: 60 * 60_000, kind: 'expiry' },
    ]);
    const [five, one, expiry] = grantSchedule(end, now);
    expect(five?.message).toMatch(/ends in 5 minutes/);
    expect(one?.message).toMatch(/ends in 1 minute\./);
    expect(expiry?.message).toMatch(/expired.*closed/);
  });

  it('does not send a warning late', () => {
    expect(grantSchedule(now + 3 * 60_000, now).map((event) => event.kind)).toEqual(['warning', 'expiry']);
    expect(grantSchedule(now + 30_000, now).map((event) => event.kind)).toEqual(['expiry']);
  });

  it('puts time left into words', () => {
    expect([1000, 45_000, 60_000, 300_000].map(timeLeftWords)).toEqual([
      '1 second',
      '45 seconds',
      '1 minute',
      '5 minutes',
    ]);
  });
});

describe('graceWithinGrant', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');
  const endsIn = (seconds: number) => new Date(now + seconds * 1000).toISOString();

  it('lets a direct site and a grant with time to spare apply as set', () => {
    expect(graceWithinGrant(60, undefined, now)).toEqual({ fits: true });
    expect(graceWithinGrant(60, endsIn(70), now)).toEqual({ fits: true });
  });

  it('offers a round grace that ends, apply included, before the grant does, with time to press Apply', () => {
    expect(graceWithinGrant(60, endsIn(47), now)).toEqual({
      fits: false,
      leftSeconds: 47,
      shorterGraceSeconds: 15,
      message:
        'The Transient Access grant ends in 47 seconds, before this change’s 60-second safety net would. Use a grace of 15 seconds, or ask for a new grant first.',
    });
    // Still fits when the offer is taken some seconds later.
    expect(graceWithinGrant(15, endsIn(47 - 19), now)).toEqual({ fits: true });
  });

  it('offers no grace when even the shortest would outlive the grant', () => {
    const fit = graceWithinGrant(60, endsIn(30), now);
    expect(fit).toMatchObject({ fits: false, leftSeconds: 30 });
    expect(fit).not.toHaveProperty('shorterGraceSeconds');
    expect(fit.fits || fit.message).toMatch(/Ask for a new grant first\.$/);
    expect(graceWithinGrant(5, endsIn(-3), now)).toMatchObject({ fits: false, leftSeconds: 0 });
  });
});
