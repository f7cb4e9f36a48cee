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

/** What a confirmed apply needs beyond its grace: the change itself and the check that confirms it. */
export const applyMarginSeconds = 10;
/** The shortest grace the apply settings accept (graceSecondsSchema). */
const minimumGraceSeconds = 5;
/**
 * Time left, in an offered grace, for the technician to press Apply: an offer cut to the second
 * would no longer fit a second later.
 */
const decideSeconds = 20;

export type GraceFit =
  | { fits: true }
  | {
      fits: false;
      /** Seconds left on the grant. */
      leftSeconds: number;
      /** A round grace that ends, apply included, before the grant does, with time to press Apply; none when even the shortest would not. */
      shorterGraceSeconds?: number;
      message: string;
    };

/**
 * Whether a confirmed apply with `graceSeconds` of safety net ends before a grant ending at
 * `expiresAt` (ISO; none for a direct site). One that outlives the grant would leave the change to be
 * confirmed, or undone, with nobody connected to see which.
 */
export function graceWithinGrant(graceSeconds: number, expiresAt: string | undefined, now: number): GraceFit {
  if (expiresAt === undefined) return { fits: true };
  const leftSeconds = Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000));
  if (graceSeconds + applyMarginSeconds <= leftSeconds) return { fits: true };
  const shorter = Math.floor((leftSeconds - applyMarginSeconds - decideSeconds) / 5) * 5;
  const ends = `The Transient Access grant ends in ${timeLeftWords(leftSeconds * 1000)}, before this change’s ${graceSeconds}-second safety net would.`;
  return shorter >= minimumGraceSeconds
    ? {
        fits: false,
        leftSeconds,
        shorterGraceSeconds: shorter,
        message: `${ends} Use a grace of ${shorter} seconds, or ask for a new grant first.`,
      }
    : { fits: false, leftSeconds, message: `${ends} Ask for a new grant first.` };
}
