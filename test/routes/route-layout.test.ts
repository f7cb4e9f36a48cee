import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../electron/ipc/event-hub';
import { createRouteLayoutStore } from '../../electron/routes/route-layout-store';
import { requests } from '../../shared/ipc/contract';
import {
  completeLayout,
  defaultRouteLayout,
  maxColumnWidth,
  moveColumn,
  neighbourColumn,
  type RouteLayout,
  resizeColumn,
  setColumnHidden,
  shownColumns,
} from '../../shared/routes/route-layout';

const keys = (layout: RouteLayout) => layout.columns.map((column) => column.key);

describe('route table layout', () => {
  it('moves a column to the place of the one it is dropped on, either way', () => {
    const right = moveColumn(defaultRouteLayout, 'flags', 'gateway');
    expect(keys(right).slice(0, 4)).toEqual(['dstAddress', 'gateway', 'flags', 'distance']);
    const left = moveColumn(defaultRouteLayout, 'comment', 'gateway');
    expect(keys(left).slice(0, 4)).toEqual(['flags', 'dstAddress', 'comment', 'gateway']);
  });

  it('steps a column past hidden ones, as the table shows them', () => {
    const layout = setColumnHidden(defaultRouteLayout, 'gateway', true);
    expect(neighbourColumn(layout, 'dstAddress', 1)).toBe('distance');
    expect(neighbourColumn(layout, 'flags', -1)).toBeUndefined();
    expect(shownColumns(layout).map((column) => column.key)).not.toContain('gateway');
  });

  it('keeps widths within bounds and the last shown column shown', () => {
    expect(
      resizeColumn(defaultRouteLayout, 'comment', 5000).columns.find((c) => c.key === 'comment')?.width,
    ).toBe(maxColumnWidth);
    let layout = defaultRouteLayout;
    for (const key of keys(layout)) layout = setColumnHidden(layout, key, true);
    expect(shownColumns(layout)).toHaveLength(1);
  });

  it('makes a stored layout whole: duplicates dropped, missing columns appended, one shown', () => {
    const stored: RouteLayout = {
      columns: [
        { key: 'comment', width: 300, hidden: true },
        { key: 'comment', width: 90, hidden: false },
      ],
    };
    const whole = completeLayout(stored);
    expect(keys(whole)).toEqual(['comment', ...keys(defaultRouteLayout).filter((key) => key !== 'comment')]);
    expect(whole.columns[0]).toEqual({ key: 'comment', width: 300, hidden: true });
    expect(
      shownColumns(completeLayout({ columns: whole.columns.map((c) => ({ ...c, hidden: true })) })),
    ).toHaveLength(1);
  });

  it('refuses over IPC what no layout can be', () => {
    const schema = requests['routes.setLayout'].schema;
    expect(schema.safeParse({ columns: [{ key: 'comment', width: 5, hidden: false }] }).success).toBe(false);
    expect(schema.safeParse({ columns: [{ key: 'nope', width: 100, hidden: false }] }).success).toBe(false);
    expect(schema.safeParse(defaultRouteLayout).success).toBe(true);
  });
});

describe('route layout store', () => {
  let profileDir: string;
  beforeEach(async () => {
    profileDir = await mkdtemp(join(tmpdir(), 'uplink-layout-'));
  });
  afterEach(() => rm(profileDir, { recursive: true, force: true }));

  const open = () => {
    const events = new EventHub();
    const heard: unknown[] = [];
    events.subscribe((name, payload) => name === 'routes.layoutChanged' && heard.push(payload));
    return { store: createRouteLayoutStore({ profileDir, events }), heard };
  };
  const noCall = { clientId: 'test' };

  it('keeps a layout across a restart and tells every window', async () => {
    const first = open();
    expect(await first.store.handlers['routes.layout'](undefined, noCall)).toEqual(defaultRouteLayout);
    const arranged = resizeColumn(moveColumn(defaultRouteLayout, 'comment', 'gateway'), 'gateway', 222);
    await first.store.handlers['routes.setLayout'](arranged, noCall);
    expect(first.heard).toEqual([arranged]);
    const second = open();
    expect(await second.store.handlers['routes.layout'](undefined, noCall)).toEqual(arranged);
  });

  it('starts from the default when the file is not a layout', async () => {
    const path = join(profileDir, 'routes', 'layout.json');
    const first = open();
    await first.store.handlers['routes.setLayout'](defaultRouteLayout, noCall);
    await writeFile(path, '{"columns":[{"key":"flags","width":"wide"}]}');
    const second = open();
    expect(await second.store.handlers['routes.layout'](undefined, noCall)).toEqual(defaultRouteLayout);
    expect(await readFile(path, 'utf8')).toContain('wide');
  });
});
