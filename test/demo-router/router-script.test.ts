// RouterOS scripting on the router model: the confirmed apply's rollback scheduler entry, stored
// scripts, and the language itself (menus in space and slash syntax, find where, variables,
// control flow), with RouterOS's error wording.
import { afterEach, describe, expect, it } from 'vitest';
import type { Attrs } from '../../electron/demo-router/command';
import type { RouterModel } from '../../electron/demo-router/router';
import { rollbackEntry } from '../../shared/apply/rollback';
import { toCli } from '../../shared/routeros/command';
import {
  addRecipeWan,
  byComment,
  collect,
  done,
  eventually,
  print,
  removePlainDefaults,
  route,
  router,
  run,
  trapOf,
} from './router-harness';

let target: RouterModel;
afterEach(() => target?.stop());

const scheduler = () => print(target, '/system/scheduler/print');

describe('the confirmed apply on the router', () => {
  it('runs the rollback entry after its grace period: the old distances come back, the entry removes itself', async () => {
    target = router();
    removePlainDefaults(target);
    addRecipeWan(target, 1, '10.0.1.1', 'ether1', '1.1.1.1', 1);
    addRecipeWan(target, 2, '10.0.2.1', 'ether2', '9.9.9.9', 2);
    // The app's own rollback entry, word for word, restoring wan1=1 and wan2=2 after one second.
    const entry = rollbackEntry(
      [
        {
          op: 'set',
          menu: '/ip/route',
          select: { where: { comment: 'uplink:wan1' } },
          attrs: { distance: '1' },
        },
        {
          op: 'set',
          menu: '/ip/route',
          select: { where: { comment: 'uplink:wan2' } },
          attrs: { distance: '2' },
        },
      ],
      1,
    );
    if (entry.op !== 'add') throw new Error('the rollback entry is added');
    expect(done(target, '/system/scheduler/add', entry.attrs)).toBe('*1');
    const [added] = scheduler();
    expect(added).toMatchObject({
      name: 'uplink-rollback',
      interval: '1s',
      'run-count': '0',
      'on-event': entry.attrs['on-event'],
      comment: 'uplink:rollback',
      owner: 'admin',
    });
    expect(added!['next-run']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // The change the entry guards: WAN 2 first.
    done(target, '/ip/route/set', { '.id': route(target, byComment('uplink:wan1'))['.id']!, distance: '3' });
    done(target, '/ip/route/set', { '.id': route(target, byComment('uplink:wan2'))['.id']!, distance: '1' });
    expect(route(target, byComment('uplink:wan2')).active).toBe('true');

    // The session is gone: the router puts the old distances back by itself.
    await eventually(() => scheduler().length === 0, 3000);
    expect(route(target, byComment('uplink:wan1'))).toMatchObject({ distance: '1', active: 'true' });
    expect(route(target, byComment('uplink:wan2')).distance).toBe('2');
    expect(target.logEntries()).toEqual([]);
  });

  it('runs every step of the rollback though one fails, logs that one, and leaves no entry', async () => {
    target = router();
    removePlainDefaults(target);
    addRecipeWan(target, 1, '10.0.1.1', 'ether1', '1.1.1.1', 3);
    addRecipeWan(target, 2, '10.0.2.1', 'ether2', '9.9.9.9', 4);
    const entry = rollbackEntry(
      [
        {
          op: 'set',
          menu: '/ip/route',
          select: { where: { comment: 'uplink:wan1' } },
          attrs: { distance: '1' },
        },
        // An item gone by id: RouterOS refuses the step with "no such item".
        { op: 'remove', menu: '/ip/route', select: { id: '*FFFF' } },
        {
          op: 'set',
          menu: '/ip/route',
          select: { where: { comment: 'uplink:wan2' } },
          attrs: { distance: '2' },
        },
      ],
      1,
    );
    if (entry.op !== 'add') throw new Error('the rollback entry is added');
    done(target, '/system/scheduler/add', entry.attrs);
    await eventually(() => route(target, byComment('uplink:wan2')).distance === '2', 3000);
    expect(route(target, byComment('uplink:wan1')).distance).toBe('1');
    expect(scheduler()).toEqual([]);
    expect(target.logEntries().map(({ topics, message }) => [topics, message])).toEqual([
      ['script,warning', 'uplink-rollback: step 2 of 3 failed'],
    ]);
    // Run again (as a second entry would), it changes nothing and fails nowhere new.
    done(target, '/system/scheduler/add', entry.attrs);
    await eventually(() => scheduler().length === 0, 3000);
    expect(route(target, byComment('uplink:wan1')).distance).toBe('1');
    expect(route(target, byComment('uplink:wan2')).distance).toBe('2');
  });

  it('does nothing once the entry is removed in time', async () => {
    target = router();
    done(target, '/system/scheduler/add', {
      name: 'uplink-rollback',
      interval: '300ms',
      'on-event': '/ip route set [find comment=ISP1] distance=9',
    });
    done(target, '/system/scheduler/remove', { numbers: 'uplink-rollback' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(route(target, byComment('ISP1')).distance).toBe('1');
  });

  it('runs on time, again every interval, and logs a script that fails', async () => {
    target = router();
    const soon = new Date(Date.now() + 3_600_000);
    const clock = (date: Date) => date.toTimeString().slice(0, 8);
    done(target, '/system/scheduler/add', {
      name: 'later',
      'start-time': clock(soon),
      interval: '1d',
      'on-event': ':put 1',
    });
    expect(scheduler()[0]).toMatchObject({
      'start-time': clock(soon),
      interval: '1d',
      'next-run': expect.stringContaining(clock(soon)),
    });
    done(target, '/system/scheduler/add', {
      name: 'often',
      interval: '50ms',
      'on-event': '/ip route set 99 distance=2',
    });
    await eventually(() => Number(scheduler().find((row) => row.name === 'often')?.['run-count']) >= 2);
    expect(target.logEntries()[0]).toMatchObject({
      topics: 'script,error',
      message: 'executing script from scheduler (often) failed: no such item',
    });
    expect(trapOf(() => run(target, '/system/scheduler/add', { name: 'later' })).message).toBe(
      'failure: item with such name already exists',
    );
    expect(trapOf(() => run(target, '/system/scheduler/add', { 'start-time': '25:00:00' })).message).toBe(
      'invalid value for argument start-time',
    );
    expect(trapOf(() => run(target, '/system/scheduler/add', { interval: 'soon' })).message).toBe(
      'invalid value for argument interval',
    );
  });
});

describe('/system/script', () => {
  it('stores a script and runs it by name, ending the command when the script ends', async () => {
    target = router();
    done(target, '/system/script/add', {
      name: 'swap',
      source:
        '/ip route set [find comment=ISP1] distance=5\n:delay 20ms\n/ip/route/set [find comment="ISP2"] distance=1',
    });
    const finished = await collect(run(target, '/system/script/run', { number: 'swap' }));
    expect(finished).toMatchObject({ ended: true, trap: undefined, rows: [] });
    expect(route(target, byComment('ISP1')).distance).toBe('5');
    expect(route(target, byComment('ISP2'))).toMatchObject({ distance: '1', active: 'true' });
    expect(print(target, '/system/script/print')[0]).toMatchObject({
      name: 'swap',
      'run-count': '1',
      owner: 'admin',
    });

    done(target, '/system/script/add', {
      name: 'broken',
      source: '/ip route set [find comment=ISP1] distance=0',
    });
    const failed = await collect(run(target, '/system/script/run', { number: 'broken' }));
    expect(failed.trap?.message).toBe('value of distance out of range (1..255)');
    expect(trapOf(() => run(target, '/system/script/run', { number: 'missing' })).message).toBe(
      'no such item',
    );
  });
});

describe('the script language', () => {
  const script = (source: string) => target.runScript(source);

  it('runs menu commands in space and slash syntax, relative menus and abbreviations', async () => {
    target = router();
    await script('/ip route set [find comment="ISP1"] distance=4');
    await script('/ip/route/set [find where comment="ISP2"] distance=3');
    await script('/ip route\nset [find comment=ISP1] comment=first');
    await script('ip ro set [f comment=first] distance=6');
    expect(route(target, byComment('first')).distance).toBe('6');
    expect(route(target, byComment('ISP2')).distance).toBe('3');
    expect(await script(':put [/ip route get [find comment=ISP2] gateway]')).toBe('10.0.2.1\n');
    expect(await script(':put [/system identity get name]')).toBe('MikroTik\n');
  });

  it('finds items by any condition on their properties', async () => {
    target = router();
    const ids = (source: string) => script(`:put [/ip route find ${source}]`);
    const isp1 = route(target, byComment('ISP1'))['.id'];
    const isp2 = route(target, byComment('ISP2'))['.id'];
    expect(await ids('comment="ISP1"')).toBe(`${isp1}\n`);
    expect(await ids('where dst-address=0.0.0.0/0 and !dynamic')).toBe(`${isp1};${isp2}\n`);
    expect(await ids('where static and distance>1')).toBe(`${isp2}\n`);
    expect(await ids('comment~"^ISP" && active')).toBe(`${isp1}\n`);
    expect(await ids('where gateway in 10.0.2.0/24')).toBe(`${isp2}\n`);
    expect(await ids('where disabled=no and !active and static')).toBe(`${isp2}\n`);
    expect(await ids('comment=nobody')).toBe('\n');
    // Nothing found, nothing changed, no error: the rollback's own removal relies on it.
    expect(await script('/ip route set [find comment=nobody] distance=9; :put done')).toBe('done\n');
  });

  it('has variables, arithmetic, strings and control flow', async () => {
    target = router();
    expect(await script(':local a 2; :local b (3 + $a * 4); :put $b')).toBe('11\n');
    expect(await script(':local name "wan"; :put ("uplink:" . $name . "1")')).toBe('uplink:wan1\n');
    expect(await script(':local n 5; :put "n is $n, tab\\there \\"quoted\\" \\48\\49"')).toBe(
      'n is 5, tab\there "quoted" HI\n',
    );
    expect(await script(':global counter 1; :set counter ($counter + 1)')).toBe('');
    expect(await script(':global counter; :put $counter')).toBe('2\n');
    expect(await script(':if ([:len [/ip route find dynamic]] > 3) do={ :put many } else={ :put few }')).toBe(
      'many\n',
    );
    expect(
      await script(':foreach r in=[/ip route find comment~"ISP"] do={ :put [/ip route get $r distance] }'),
    ).toBe('1\n2\n');
    expect(
      await script(':do { /ip route set [find comment=ISP1] distance=0 } on-error={ :put "refused" }'),
    ).toBe('refused\n');
    expect(await script(':put [:typeof [/ip route find]]; :put [:typeof 1]; :put [:tonum "42"]')).toBe(
      'array\nstr\n42\n',
    );
    expect(await script(':put {b=2;a=1}; :put {1;2;3}')).toBe('a=1;b=2\n1;2;3\n');
    expect(await script('# a comment\n:put "line \\\n  joined"')).toBe('line   joined\n');
    expect(await script(':log warning "look"; :put [/log get [/log find] message]')).toBe('look\n');
  });

  it('stops on errors worded as RouterOS words them', async () => {
    target = router();
    await expect(script('foo')).rejects.toThrow('bad command name foo (line 1 column 1)');
    await expect(script('/ip route\n  prnt')).rejects.toThrow('bad command name prnt (line 2 column 3)');
    await expect(script('/ip/rte/print')).rejects.toThrow('bad command name rte (line 1 column 5)');
    await expect(script(':put (1 +')).rejects.toThrow('syntax error (line 1 column 10)');
    await expect(script(':put "open')).rejects.toThrow('syntax error (line 1 column 6)');
    await expect(script('/ip route print detail extra')).rejects.toThrow(
      'expected end of command (line 1 column 24)',
    );
    await expect(script('/ip route set [find comment=ISP1] colour=blue')).rejects.toThrow(
      'expected end of command (line 1 column 35)',
    );
    await expect(script('/ip route set 0 distance=2')).rejects.toThrow('no such item');
    // A script is checked whole before it runs: nothing of it ran.
    await expect(script('/ip route set [find comment=ISP1] distance=7\nfoo')).rejects.toThrow(
      'bad command name',
    );
    expect(route(target, byComment('ISP1')).distance).toBe('1');
    await expect(
      script('/ip route set [find comment=ISP1] distance=7\n/ip route set [find comment=ISP2] distance=0'),
    ).rejects.toThrow('value of distance out of range (1..255)');
    expect(route(target, byComment('ISP1')).distance).toBe('7');
  });

  it('changes routes from the API the same way it does from a script', () => {
    target = router();
    const fromApi: Attrs = { '.id': route(target, byComment('ISP1'))['.id']!, distance: '3' };
    done(target, '/ip/route/set', fromApi);
    expect(
      toCli({ op: 'set', menu: '/ip/route', select: { id: fromApi['.id']! }, attrs: { distance: '3' } }),
    ).toBe('/ip route set *80000001 distance=3');
    expect(route(target, byComment('ISP1')).distance).toBe('3');
  });
});
