// Waiting on things that happen over sockets and timers, without fixed sleeps that a loaded
// machine would outrun: poll until something holds, or until a count stops moving.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds or `timeoutMs` passes; returns whether it came to hold. */
export async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) return false;
    await sleep(5);
  }
  return true;
}

/** The value `read` settles at: the same over `samples` polls `intervalMs` apart. */
export async function settledValue(read: () => number, samples = 4, intervalMs = 50): Promise<number> {
  let value = read();
  let same = 0;
  for (let polls = 0; polls < 200 && same < samples; polls += 1) {
    await sleep(intervalMs);
    const now = read();
    same = now === value ? same + 1 : 0;
    value = now;
  }
  return value;
}
