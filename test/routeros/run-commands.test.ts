// A plan's commands run as their CLI lines would on the router, on every channel: over the API the
// independent ones go together (fewer round trips over a relay), and the result must not show it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouterClient } from '../../electron/routeros/router-client';
import type { RouterCommand } from '../../shared/routeros/command';
import { routerCommand, routerRows } from '../routes/demo-router-api';
import { type ChannelLab, channelCases, startChannel } from '../support/channels';

const dst = '203.0.113.0/24';
const set = (where: Record<string, string>, attrs: Record<string, string>): RouterCommand => ({
  op: 'set',
  menu: '/ip/route',
  select: { where },
  attrs,
});

describe.each(channelCases())('commands over $label', ({ channel }) => {
  let lab: ChannelLab;
  let client: RouterClient;
  beforeAll(async () => {
    lab = await startChannel(channel);
    client = await lab.connect();
  });
  afterAll(() => lab?.stop());

  const route = async () => (await routerRows(lab.demo.api, '/ip/route', `?dst-address=${dst}`))[0];
  beforeEach(async () => {
    const old = await route();
    if (old) await routerCommand(lab.demo.api, '/ip/route/remove', `=.id=${old['.id']}`);
    await routerCommand(
      lab.demo.api,
      '/ip/route/add',
      `=dst-address=${dst}`,
      '=gateway=10.0.1.1',
      '=comment=A',
    );
  });

  it('selects by what an earlier command of the plan set', async () => {
    await client.runCommands([
      set({ 'dst-address': dst }, { comment: 'B' }),
      set({ comment: 'B' }, { distance: '7' }),
    ]);
    expect(await route()).toMatchObject({ comment: 'B', distance: '7' });
  });

  it('keeps the plan’s order when two commands pick the same route', async () => {
    await client.runCommands([
      set({ comment: 'A' }, { distance: '5' }),
      set({ 'dst-address': dst }, { distance: '6' }),
    ]);
    expect((await route())?.distance).toBe('6');
  });

  // Over the API a refused command's own run may have gone beside it (runCommandsOverApi): the
  // confirmed apply undoes a refused plan whole, so only the runs before and after are checked.
  it('stops at a refusal: what came before is done, what comes after is not', async () => {
    const refused = client.runCommands([
      set({ comment: 'A' }, { distance: '4' }),
      { op: 'add', menu: '/ip/route', attrs: { 'dst-address': dst, gateway: '10.0.1.1', distance: '300' } },
      set({ comment: 'A' }, { comment: 'after' }),
    ]);
    await expect(refused).rejects.toThrow();
    expect(await route()).toMatchObject({ comment: 'A', distance: '4' });
  });
});
