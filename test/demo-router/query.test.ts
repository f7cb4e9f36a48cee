import { describe, expect, it } from 'vitest';
import { compareValues, compileQuery, rowSelector } from '../../electron/demo-router/api/query';
import { RouterTrap } from '../../electron/demo-router/command';
import { ROUTES } from './fake-router';

/** The `.id`s of the fixed routes a query lets through. */
function ids(...queries: string[]): string[] {
  const matches = compileQuery(queries);
  return ROUTES.filter(matches).map((row) => row['.id']!);
}

describe('query words', () => {
  it('with no query lets every row through (the stack starts as endless true)', () => {
    expect(ids()).toEqual(['*1', '*2', '*3', '*4']);
  });

  it('?name=value and ?=name=value compare for equality', () => {
    expect(ids('?distance=1')).toEqual(['*1']);
    expect(ids('?=comment=uplink:wan2')).toEqual(['*2']);
    expect(ids('?comment=')).toEqual(['*4']);
  });

  it('?name has the property, ?-name lacks it', () => {
    expect(ids('?comment')).toEqual(['*1', '*2', '*4']);
    expect(ids('?-comment')).toEqual(['*3']);
    expect(ids('?-active')).toEqual(['*4']);
    expect(ids('?-comment=')).toEqual(['*3']);
  });

  it('?< and ?> order numbers as numbers and addresses as addresses', () => {
    expect(ids('?<distance=2')).toEqual(['*1', '*3']);
    expect(ids('?>distance=1')).toEqual(['*2', '*4']);
    expect(ids('?>gateway=8.8.8.8')).toEqual(['*2', '*3', '*4']);
    expect(compareValues('9.9.9.9', '10.0.0.1')).toBeLessThan(0);
    expect(compareValues('0.0.0.0/0', '0.0.0.0/1')).toBeLessThan(0);
    expect(compareValues('bridge', 'ether1')).toBeLessThan(0);
  });

  it('?>name= finds a non-empty value (the docs example for comments)', () => {
    expect(ids('?>comment=')).toEqual(['*1', '*2']);
  });

  it('several plain words must all hold', () => {
    expect(ids('?dst-address=0.0.0.0/0', '?active=true')).toEqual(['*1']);
  });

  it('?#| ?#& ?#! combine the values on the stack', () => {
    expect(ids('?distance=1', '?distance=10', '?#|')).toEqual(['*1', '*4']);
    expect(ids('?dst-address=0.0.0.0/0', '?active=false', '?#&')).toEqual(['*2']);
    expect(ids('?comment', '?#!')).toEqual(['*3']);
  });

  it('runs several operations in one word, left to right', () => {
    // Neither distance 1 nor 10.
    expect(ids('?distance=1', '?distance=10', '?#|!')).toEqual(['*2', '*3']);
    // Distance 1, or distance 2 and inactive: & first, then |.
    expect(ids('?distance=1', '?distance=2', '?active=false', '?#&|')).toEqual(['*1', '*2']);
  });

  it('an index at the end of the word makes every value that one', () => {
    // Only the top value (inactive) counts; distance=1 below it is overwritten.
    expect(ids('?distance=1', '?active=false', '?#0')).toEqual(['*2']);
    expect(ids('?distance=1', '?active=false', '?#1')).toEqual(['*1']);
    // Below the pushed values the stack is endless true.
    expect(ids('?distance=1', '?#5')).toEqual(['*1', '*2', '*3', '*4']);
  });

  it('an index followed by an operation pushes a copy of that value; "." after an index does nothing', () => {
    // [c] -> copy of top [c, c] ("." ignored) -> | [c] -> ! [!c]: the rows without a comment.
    expect(ids('?comment', '?#0.|!')).toEqual(['*3']);
    // [d1, d2] -> copy of index 1 [d1, d2, d1] -> | [d1, d1|d2] -> passes when both hold: d1.
    expect(ids('?distance=1', '?distance=2', '?#1|')).toEqual(['*1']);
  });

  it('"." after an operation pushes a copy of the top value', () => {
    // [c] . [c, c] ! [c, !c] & [false]: nothing. Were "." ignored, & would take the endless true
    // below and leave [!c], the rows without a comment.
    expect(ids('?comment', '?#.!&')).toEqual([]);
    expect(ids('?comment', '?#!.&!')).toEqual(['*1', '*2', '*4']);
  });

  it('traps an unknown operation, as an argument failure', () => {
    expect(() => compileQuery(['?#x'])).toThrow(RouterTrap);
    expect(() => compileQuery(['?#|', '?#|?'])).toThrow(expect.objectContaining({ category: 1 }));
  });
});

describe('.proplist', () => {
  it('keeps only the listed properties the row has', () => {
    const select = rowSelector({ queries: [], proplist: ['.id', 'comment', 'no-such'] });
    expect(ROUTES.map(select)).toEqual([
      { '.id': '*1', comment: 'uplink:wan1' },
      { '.id': '*2', comment: 'uplink:wan2' },
      { '.id': '*3' },
      { '.id': '*4', comment: '' },
    ]);
  });

  it('lets the query see properties the proplist leaves out', () => {
    const select = rowSelector({ queries: ['?gateway=9.9.9.9'], proplist: ['.id'] });
    expect(ROUTES.map(select).filter(Boolean)).toEqual([{ '.id': '*2' }]);
  });

  it('passes rows through untouched when there is neither query nor proplist', () => {
    const select = rowSelector({ queries: [] });
    expect(select(ROUTES[0]!)).toBe(ROUTES[0]);
  });
});
