// `/user/active` on the demo router: every login through every door is listed while it lasts, with
// the address the router sees it from (the scenario's `loginsFrom`, as through a relay), and read by
// Uplink's own client on every channel. Through the SSH tunnel the router sees two logins: the SSH
// one from outside, and the API one its own forward made, from itself.
import { afterEach, describe, expect, it } from 'vitest';
import { readSeenFrom } from '../../electron/sessions/seen-from';
import { CHANNELS, type ChannelLab, sessionChannelOf, startChannel } from '../support/channels';
import { until } from '../support/until';

const relay = '198.51.100.7';

let lab: ChannelLab | undefined;
afterEach(async () => {
  await lab?.stop();
  lab = undefined;
});

/** The logins as the router lists them, each as `via address name`. */
const listed = async () =>
  (
    await lab!.demo.router.runScript(
      ':foreach u in=[/user active find] do={ :put ([/user active get $u via]." ".[/user active get $u address]." ".[/user active get $u name]) }',
    )
  )
    .trim()
    .split('\n')
    .filter((line) => line !== '');

describe.each(CHANNELS)('/user/active over %s', (channel) => {
  it('lists the session’s login from where the router sees it, and drops it when it ends', async () => {
    lab = await startChannel(channel, { router: { loginsFrom: relay } });
    const client = await lab.connect();
    const rows = await client.print('/user/active');
    const seen = rows.map((row) => `${row.via} ${row.address} ${row.name}`);
    if (channel === 'ssh-tunnel') expect(seen).toEqual([`ssh ${relay} admin`, 'api 127.0.0.1 admin']);
    else expect(seen).toEqual([`${channel === 'ssh-cli' ? 'ssh' : 'api'} ${relay} admin`]);
    for (const row of rows) {
      expect(row['.id']).toMatch(/^\*[0-9A-F]+$/);
      expect(row.when).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(row).toMatchObject({ group: 'full', radius: 'false' });
    }
    expect(await readSeenFrom(client, { user: 'admin', channel: sessionChannelOf[channel] })).toBe(relay);

    await client.close();
    await until(listed, (lines) => lines.length === 0, 5000);
  });
});

describe('/user/active', () => {
  it('lists a loopback login from 127.0.0.1 when no relay is set, which is no session route', async () => {
    lab = await startChannel('api');
    const client = await lab.connect();
    expect((await client.print('/user/active')).map((row) => row.address)).toEqual(['127.0.0.1']);
    expect(await readSeenFrom(client, { user: 'admin', channel: 'api' })).toBeUndefined();
  });

  it('sees new logins from a changed relay, and keeps the address of those already in', async () => {
    lab = await startChannel('api', { router: { loginsFrom: relay } });
    await lab.connect();
    lab.demo.router.users.loginsFrom = '2001:db8:77::7';
    const second = await lab.connect();
    expect(await listed()).toEqual([`api ${relay} admin`, 'api 2001:db8:77::7 admin']);
    expect(await readSeenFrom(second, { user: 'admin', channel: 'api' })).toBe('2001:db8:77::7');
  });

  it('prints as RouterOS 7 lays it out on the console', async () => {
    lab = await startChannel('ssh-cli', { router: { loginsFrom: relay } });
    await lab.connect();
    const console = lab.demo.router.openConsole('admin', 80);
    let output = '';
    await console.run('/user active print', (text) => {
      output += text;
      return undefined;
    });
    const lines = output.replace(/\r\n/g, '\n').split('\n');
    expect(lines[0]).toBe('Columns: WHEN, NAME, ADDRESS, VIA');
    expect(lines[1]).toMatch(/^#\s+WHEN\s+NAME\s+ADDRESS\s+VIA$/);
    expect(lines[2]).toMatch(
      new RegExp(`^0\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+admin\\s+${relay}\\s+ssh$`),
    );
  });
});
