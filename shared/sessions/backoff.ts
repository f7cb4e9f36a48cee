export interface Backoff {
  /** Wait before the first attempt after a drop. */
  initialMs: number;
  /** The longest wait between attempts. */
  maxMs: number;
}

/** A dropped session is retried soon, then less and less often: 1 s, 2 s, 4 s, … up to 30 s. */
export const defaultBackoff: Backoff = { initialMs: 1000, maxMs: 30_000 };

/** How long to wait before reconnect attempt `attempt` (1-based). */
export function reconnectDelay(attempt: number, backoff: Backoff = defaultBackoff): number {
  const doublings = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** doublings);
}
