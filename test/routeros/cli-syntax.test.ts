import { describe, expect, it } from 'vitest';
import {
  CliRefusal,
  cliPrint,
  cliRun,
  cliWhere,
  parseAsValue,
  parseProperties,
  parseRunOutput,
  pickProperties,
} from '../../electron/routeros/cli-syntax';
import type { Row } from '../../electron/routeros/router-client';

describe('API queries as a CLI where', () => {
  it('and-s plain conditions, quoting what needs quotes', () => {
    expect(cliWhere(['dst-address=0.0.0.0/0', 'comment=uplink:wan 1'])).toBe(
      'dst-address=0.0.0.0/0 and comment="uplink:wan 1"',
    );
  });

  it('turns the API stack into parentheses', () => {
    expect(cliWhere(['dst-address=0.0.0.0/0', 'comment=a', '#|', 'comment=b', '#|'])).toBe(
      '((dst-address=0.0.0.0/0 or comment=a) or comment=b)',
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
  it('prints as values with a where, and reads one item by its .id with get', () => {
    expect(cliPrint('/ip/route', { proplist: ['.id', 'distance'], query: ['dst-address=0.0.0.0/0'] })).toBe(
      ':put [/ip route print as-value where dst-address=0.0.0.0/0]',
    );
    expect(cliPrint('/ip/route', { query: ['.id=*5'] })).toBe(':put [/ip route get *5]');
    expect(cliPrint('/ip/route', { query: ['.id=*5', 'disabled=false'] })).toBe(
      ':put [/ip route print as-value where .id=*5 and disabled=no]',
    );
    expect(cliPrint('/system/identity')).toBe(':put [/system identity print as-value]');
  });

  it('keeps only the properties asked for', () => {
    const rows: Row[] = [{ '.id': '*1', distance: '1', gateway: 'x' }, { '.id': '*2' }];
    expect(pickProperties(rows, ['.id', 'distance'])).toEqual([
      { '.id': '*1', distance: '1' },
      { '.id': '*2' },
    ]);
    expect(pickProperties(rows, undefined)).toBe(rows);
  });

  it('runs with the item as numbers=, switches bare, booleans as yes/no', () => {
    expect(cliRun('/ip/route/set', { '.id': '*1', distance: 2, disabled: false, comment: 'a "b"' })).toBe(
      ':put [/ip route set numbers=*1 distance=2 disabled=no comment="a \\"b\\""]',
    );
    expect(cliRun('/ip/route/print', { 'count-only': '' })).toBe(':put [/ip route print count-only]');
  });
});

describe('console output', () => {
  it('splits rows where a key comes again', () => {
    expect(
      parseAsValue('.id=*1;dst-address=0.0.0.0/0;comment=a=b;.id=*2;dst-address=10.0.0.0/8;comment=\r\n'),
    ).toEqual([
      { '.id': '*1', 'dst-address': '0.0.0.0/0', comment: 'a=b' },
      { '.id': '*2', 'dst-address': '10.0.0.0/8', comment: '' },
    ]);
    expect(parseAsValue('name=MikroTik')).toEqual([{ name: 'MikroTik' }]);
    expect(parseAsValue('\r\n')).toEqual([]);
  });

  it('takes anything else as the router refusing', () => {
    expect(() => parseAsValue('bad command name prnt (line 1 column 18)')).toThrow(CliRefusal);
    expect(() => parseRunOutput('failure: already have such route')).toThrow(
      'failure: already have such route',
    );
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
