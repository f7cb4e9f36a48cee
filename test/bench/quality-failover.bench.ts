// `npm run bench -- quality-failover`: how fast and how steadily the router fails over by itself
// with Uplink's quality-aware recipe (netwatch probes and a verdict script, shared/failover/quality.ts),
// the app disconnected. The demo router's clock is simulated, so minutes of link trouble run in
// seconds; its logic (netwatch, scripts, scheduler, check-gateway) is the same as in real time.
// Each figure is beside the anchor: the plain recipe with check-gateway alone. Prints; asserts nothing.
import { qualityWans, startQualitySite } from '../support/quality-site';

const rounds = Number(process.env.UPLINK_BENCH_ROUNDS ?? 5);
const plain = () => qualityWans().map(({ quality: _quality, ...wan }) => wan);
const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** Time from the link going bad to traffic on WAN 2, over `rounds` onsets at different moments. */
async function timeToMove(
  bad: { lossPct?: number; latencyMs?: number; internet?: boolean },
  quality: boolean,
  limitMs: number,
): Promise<(number | undefined)[]> {
  const times: (number | undefined)[] = [];
  for (let round = 0; round < rounds; round++) {
    const site = await startQualitySite(quality ? qualityWans() : plain(), 100 + round);
    try {
      // Settle, then strike at a different moment of the probes' cycle each round.
      await site.clock.advance(5000 + ((round * 3137) % 10_000));
      site.router.links.set('ether1', bad);
      times.push(await site.until(() => site.activeWan() === 2, limitMs));
    } finally {
      site.stop();
    }
  }
  return times;
}

function summary(times: (number | undefined)[]): string {
  const known = times.filter((time): time is number => time !== undefined).sort((a, b) => a - b);
  if (known.length === 0) return `never (${times.length} of ${times.length} rounds)`;
  const missed = times.length - known.length;
  return `median ${seconds(known[Math.floor(known.length / 2)])}, fastest ${seconds(known[0])}, worst ${seconds(known.at(-1))}${missed ? `, ${missed} rounds never` : ''}`;
}

/** Failovers (the WAN 1 route set aside by the router) during `minutes` simulated minutes of `noise`. */
async function failoversUnder(noise: { lossPct?: number; jitterMs?: number }, minutes: number) {
  const counts: number[] = [];
  let wallMs = 0;
  for (let round = 0; round < Math.min(rounds, 3); round++) {
    const site = await startQualitySite(qualityWans(), 200 + round);
    try {
      await site.clock.advance(5000);
      site.router.links.set('ether1', noise);
      const started = performance.now();
      let moves = 0;
      let last = site.activeWan();
      await site.until(
        () => {
          const now = site.activeWan();
          if (now !== last) moves += 1;
          last = now;
          return false;
        },
        minutes * 60_000,
        250,
      );
      wallMs += performance.now() - started;
      counts.push(moves);
    } finally {
      site.stop();
    }
  }
  return { counts, wallMs };
}

export default async function bench(): Promise<void> {
  console.log(
    `Quality-aware failover on the router, app disconnected (two-wan demo router, simulated clock, ${rounds} rounds):`,
  );

  const dead = await timeToMove({ internet: false }, true, 60_000);
  const deadPlain = await timeToMove({ internet: false }, false, 60_000);
  console.log(
    `  link dead (ISP side)   → WAN 2: ${summary(dead)}   target ≤ 3 s   anchor check-gateway: ${summary(deadPlain)}`,
  );

  const loss = await timeToMove({ lossPct: 25 }, true, 60_000);
  const lossPlain = await timeToMove({ lossPct: 25 }, false, 60_000);
  console.log(
    `  brownout 25 % loss     → WAN 2: ${summary(loss)}   target ≤ 10 s   anchor: ${summary(lossPlain)} (in 60 s)`,
  );

  const slow = await timeToMove({ latencyMs: 600 }, true, 60_000);
  const slowPlain = await timeToMove({ latencyMs: 600 }, false, 60_000);
  console.log(
    `  brownout 600 ms RTT    → WAN 2: ${summary(slow)}   target ≤ 10 s   anchor: ${summary(slowPlain)} (in 60 s)`,
  );

  for (const [label, noise] of [
    ['5 % random loss', { lossPct: 5 }],
    ['150 ms jitter', { jitterMs: 150 }],
  ] as const) {
    const { counts, wallMs } = await failoversUnder(noise, 10);
    console.log(
      `  ${label.padEnd(22)} 10 simulated min: failovers ${counts.join(', ')} (per round)   target 0   (${(wallMs / counts.length / 1000).toFixed(1)} s wall per round)`,
    );
  }

  const failbacks: (number | undefined)[] = [];
  const flapReturns: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const site = await startQualitySite(qualityWans(), 300 + round);
    try {
      await site.clock.advance(5000);
      site.router.links.set('ether1', { internet: false });
      await site.until(() => site.activeWan() === 2, 60_000);
      await site.clock.advance(10_000);
      site.router.links.set('ether1', { internet: true });
      failbacks.push(await site.until(() => site.activeWan() === 1, 120_000));

      // Flapping: 5 s dead, 5 s fine, for five minutes. Traffic must stay on WAN 2 throughout.
      site.router.links.set('ether1', { internet: false });
      await site.until(() => site.activeWan() === 2, 60_000);
      let returns = 0;
      for (let flap = 0; flap < 30; flap++) {
        site.router.links.set('ether1', { internet: flap % 2 === 1 });
        await site.until(
          () => {
            if (site.activeWan() === 1) returns += 1;
            return false;
          },
          5000,
          100,
        );
      }
      flapReturns.push(returns);
    } finally {
      site.stop();
    }
  }
  console.log(`  recovery → failback after: ${summary(failbacks)}   hold time 30 s: never before it`);
  console.log(
    `  link flapping every 5 s, 5 min: moments traffic was back on WAN 1 (sampled every 100 ms): ${flapReturns.join(', ')}   target 0`,
  );
}
