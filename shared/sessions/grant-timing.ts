/**
 * When a Transient Access session warns before its grant ends, in ms before expiry: five minutes
 * and one minute, time to finish an edit and to ask for a new grant.
 */
export const grantWarningsMs: readonly number[] = [5 * 60_000, 60_000];

export type GrantEvent =
  | { at: number; kind: 'warning'; message: string }
  | { at: number; kind: 'expiry'; message: string };

/** "5 minutes", "1 minute", "30 seconds". */
export function timeLeftWords(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

export const grantExpiredMessage =
  'The Transient Access grant expired, so its session was closed. Unapplied edits are kept. Ask for a new grant and paste it in Edit site.';

/**
 * What a session opened at `now` on a grant ending at `expiresAt` has to say, and when: the
 * warnings still ahead (one already passed is not sent late), then the expiry itself.
 */
export function grantSchedule(
  expiresAt: number,
  now: number,
  warningsMs: readonly number[] = grantWarningsMs,
): GrantEvent[] {
  const warnings: GrantEvent[] = warningsMs
    .filter((before) => expiresAt - before > now)
    .map((before) => ({
      at: expiresAt - before,
      kind: 'warning',
      message: `The Transient Access grant ends in ${timeLeftWords(before)}. Finish or save your changes; ask for a new grant to stay connected.`,
    }));
  return [
    ...warnings.sort((a, b) => a.at - b.at),
    { at: expiresAt, kind: 'expiry', message: grantExpiredMessage },
  ];
}
