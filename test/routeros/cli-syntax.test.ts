import { describe, expect, it } from 'vitest';
import {
  CliRefusal,
  cliLine,
  cliPrint,
  cliRun,
  cliWhere,
  parseProperties,
  parseRows,
  parseRunOutput,
  pickProperties,
  RowReader,
} from '../../electron/routeros/cli-syntax';
import { maxConsoleBytes } from '../../electron/routeros/reply-limits';
import type { Row } from '../../electron/routeros/router-client';

describe('API queries as a CLI where', () => {
  it('and-s plain conditions, quoting all but words, numbers and ids (/ : . are operators there)', () => {
    expect(cliWhere(['dst-address=0.0.0.0/0', 'comment=uplink:wan 1', 'distance=2', '.id=*1A'])).toBe(
      'dst-address="0.0.0.0/0" and comment="uplink:wan 1" and distance=2 and .id=*1A',
    );
  });

  it('turns the API stack into parentheses', () => {
    expect(cliWhere(['dst-address=0.0.0.0/0', 'comment=a', '#|', 'comment=b', '#|'])).toBe(
      '((dst-address="0.0.0.0/0" or comment=a) or comment=b)',
    );
    expect(cliWhere(['disabled=true', '#!', '>distance=2', '<distance=9', '#&'])).toBe(
      '!(disabled=yes) and (distance>2 and distance<9)',
    );
  });

  it('reads has and has-not', () => {
    expect(cliWhere(['comment', '-gateway'])).toBe('comment and !gateway');
    expect(cliWhere([])).toBeUndefined();
  });

  it('refuses a stack that does not add up', () => {
    expect(() => cliWhere(['#|'])).toThrow(/empty stack/);
  });
});

describe('commands as console lines', () => {
  it('prints detail as values with a where, one item by its .id with get, each written by the same script', () => {
    const line = cliPrint('/ip/route', { proplist: ['.id', 'distance'], query: ['dst-address=0.0.0.0/0'] });
    expect(line).toMatch(
      /^:foreach r in=\[\/ip route print detail as-value where dst-address="0\.0\.0\.0\/0"\] do=\{:local o "";/,
    );
    const writer = line.slice(line.indexOf('do={') + 4, -1);
    expect(cliPrint('/ip/route', { query: ['.id=*5'] })).toBe(`:local r [/ip route get *5]; ${writer}`);
    expect(cliPrint('/ip/route', { query: ['.id=*5', 'disabled=false'] })).toContain(
      '[/ip route print detail as-value where .id=*5 and disabled=no]',
    );
    // Several by their ids (a selection read before a change): each got, a vanished one left out.
    expect(cliPrint('/ip/route', { query: ['.id=*5', '.id=*A', '#|', '.id=*C', '#|'] })).toBe(
      `:foreach i in={*5;*A;*C} do={:do {:local r [/ip route get $i]; ${writer}} on-error={}}`,
    );
    expect(cliPrint('/ip/route', { query: ['.id=*5', 'distance=1', '#|'] })).toContain(
      'where (.id=*5 or distance=1)',
    );
    expect(cliPrint('/system/identity')).toBe(
      `:foreach r in=[/system identity print as-value] do={${writer}}`,
    );
  });

  it('keeps only the properties asked for', () => {
    const rows: Row[] = [{ '.id': '*1', distance: '1', gateway: 'x' }, { '.id': '*2' }];
    expect(pickProperties(rows, ['.id', 'distance'])).toEqual([
      { '.id': '*1', distance: '1' },
      { '.id': '*2' },
    ]);
    expect(pickProperties(rows, undefined)).toBe(rows);
  });

  it('runs with the item as numbers=, flags bare, booleans as yes/no, an empty value as one', () => {
    expect(
      cliRun('/ip/route/set', {
        '.id': '*1',
        distance: 2,
        disabled: false,
        comment: 'a "b"',
        'pref-src': '',
      }),
    ).toBe(':put [/ip route set numbers=*1 distance=2 disabled=no comment="a \\"b\\"" pref-src=""]');
    expect(cliLine('/interface/monitor-traffic', { interface: 'ether1' }, ['once'])).toBe(
      '/interface monitor-traffic interface=ether1 once',
    );
  });
});

describe('console output', () => {
  const item = (pairs: Record<string, string>) =>
    Object.entries(pairs)
      .map(([key, value]) => `${Buffer.byteLength(key)}:${key}${Buffer.byteLength(value)}:${value}`)
      .join('');
  // The console ends each line with CR LF, line breaks inside a value included.
  const console = (...lines: string[]) =>
    Buffer.from(
      lines
        .map((line) => `${line}\n`)
        .join('')
        .replace(/\n/g, '\r\n'),
    );

  it('reads each value by its length, whatever it holds', () => {
    const script = {
      '.id': '*1',
      name: 'uplink-rollback',
      'on-event': ':do {\n  /ip route set [find where comment="uplink:wan1"] distance=1\n} on-error={};\r\n',
    };
    const odd = { '.id': '*2', name: 'x', 'on-event': 'a;b=c;.id=*9', comment: '', note: 'ünïcödé ✓ \\ "q"' };
    expect(parseRows(console(item(script), item(odd)))).toEqual([script, odd]);
    expect(parseRows(console(item({ name: 'MikroTik' })))).toEqual([{ name: 'MikroTik' }]);
    expect(parseRows(Buffer.from(''))).toEqual([]);
  });

  it('takes anything else as the router refusing, in its own words', () => {
    expect(() => parseRows(console('no such item'))).toThrow(new CliRefusal('no such item'));
    expect(() => parseRows(console('bad command name prnt (line 1 column 18)'))).toThrow(
      'bad command name prnt (line 1 column 18)',
    );
    // A length that runs past the output is not an item either.
    expect(() => parseRows(console('4:name99:MikroTik'))).toThrow(CliRefusal);
    expect(() => parseRunOutput('failure: already have such route')).toThrow(
      'failure: already have such route',
    );
  });

  /** Output fed to a RowReader in pieces of `size` bytes; the rows, and how many came before the end. */
  const readInPieces = (output: Buffer, size: number) => {
    const rows: Row[] = [];
    const reader = new RowReader(maxConsoleBytes, (row) => rows.push(row));
    for (let at = 0; at < output.length; at += size) reader.push(output.subarray(at, at + size));
    const early = rows.length;
    reader.end();
    return { rows, early };
  };

  it('reads items as they come, in pieces of any size, as the whole would read', () => {
    const items: Record<string, string>[] = [
      { '.id': '*1', 'on-event': ':do {\n  :log info x\n} on-error={};\r\n', comment: 'ünï ✓' },
      { '.id': '*2', name: 'b', comment: '' },
      { '.id': '*3', name: 'c' },
    ];
    const output = console(...items.map(item));
    for (const size of [1, 2, 3, 7, 64, output.length]) {
      const { rows, early } = readInPieces(output, size);
      expect(rows).toEqual(items);
      // Every item but the last is passed on before the end (the last waits for its line end only).
      expect(early).toBeGreaterThanOrEqual(items.length - 1);
    }
  });

  it('reads a console that leaves line ends alone, and a refusal, as parseRows does', () => {
    const raw = { '.id': '*1', note: 'a\r\nb' };
    const plain = Buffer.from(`${item({ '.id': '*0' })}\n${item(raw)}\n`);
    expect(parseRows(plain)).toEqual([{ '.id': '*0' }, raw]);
    for (const size of [1, 5, plain.length]) expect(readInPieces(plain, size).rows).toEqual(parseRows(plain));
    expect(() => readInPieces(console('no such item'), 4)).toThrow(new CliRefusal('no such item'));
    expect(() => readInPieces(console('4:name99:MikroTik'), 4)).toThrow(CliRefusal);
  });

  it('reads a one-shot command’s name: value lines', () => {
    expect(
      parseProperties('          seq: 0\r\n         host: 1.1.1.1\r\n         time: 19ms944us\r\n\r\n'),
    ).toEqual({
      seq: '0',
      host: '1.1.1.1',
      time: '19ms944us',
    });
    expect(() => parseProperties('input does not match any value of interface')).toThrow(CliRefusal);
  });

  it('reads what a command returned', () => {
    expect(parseRunOutput('*1A\r\n')).toEqual({ ret: '*1A' });
    expect(parseRunOutput('42')).toEqual({ ret: '42' });
    expect(parseRunOutput('')).toEqual({});
  });
});
