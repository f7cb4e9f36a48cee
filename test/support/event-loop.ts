import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Runs `work` while sampling this process's event loop every 10 ms, and returns the longest delay
 * seen in milliseconds: how long main stood still while it handled what `work` threw at it.
 */
export async function longestStallMs(work: () => Promise<void>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    await work();
  } finally {
    histogram.disable();
  }
  return histogram.max / 1e6;
}

/** The limit the hostile tests hold main to. */
export const maxStallMs = 200;
