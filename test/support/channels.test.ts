// The channel matrix helper: each channel's lab really is that channel (a tunnel that fell back to
// the CLI would fail here), and through the latency proxy every call pays the relay's round trip.
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelLab, startChannel } from './channels';
import { RELAY_150MS } from './latency-proxy';

const labs: ChannelLab[] = [];
afterAll(async () => {
  await Promise.all(labs.splice(0).map((lab) => lab.stop()));
});

describe.each(CHANNELS)('a lab over %s', (channel) => {
  it('connects on that channel and works on the router', async () => {
    const lab = await startChannel(channel);
    labs.push(lab);
    const client = await lab.connect();
    const [identity] = await client.print('/system/identity');
    expect(identity?.name).toBe(lab.demo.router.identity);
    await client.run('/system/identity/set', { name: `over-${channel}` });
    expect(lab.demo.router.identity).toBe(`over-${channel}`);
  });

  it('pays the relay’s round trip on every call behind the latency proxy', async () => {
    const lab = await startChannel(channel, { latency: RELAY_150MS });
    labs.push(lab);
    const client = await lab.connect();
    const started = performance.now();
    await client.ping();
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * RELAY_150MS.oneWayDelayMs - 1);
    expect(lab.proxy?.connections).toBe(1);
  });
});

it('refuses a tunnel lab whose router stopped forwarding: the session took the CLI', async () => {
  const lab = await startChannel('ssh-tunnel');
  labs.push(lab);
  await lab.demo.router.runScript('/ip ssh set forwarding-enabled=no');
  await expect(lab.connect()).rejects.toThrow('asked for ssh-tunnel, the session took ssh-cli');
});
