import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  conditionIssue,
  conditionText,
  type FindCondition,
  findConditionSchema,
  ipv4Range,
  operatorsFor,
} from '../../shared/routes/route-find';

const matches = (condition: FindCondition, text: string) => compileCondition(condition).test(text);

describe('Find conditions', () => {
  it('offers per column only the comparisons that make sense there', () => {
    expect(operatorsFor('distance')).toEqual(['is', 'isNot', 'lessThan', 'greaterThan']);
    expect(operatorsFor('gateway')).toContain('inSubnet');
    expect(operatorsFor('comment')).not.toContain('inSubnet');
    expect(operatorsFor('comment')).not.toContain('lessThan');
    expect(operatorsFor('flags')).toEqual(['is', 'isNot']);
  });

  it('refuses what cannot be searched for, in words', () => {
    expect(conditionIssue({ column: 'comment', operator: 'lessThan', value: '3' })).toMatch(
      /cannot be compared/,
    );
    expect(conditionIssue({ column: 'distance', operator: 'greaterThan', value: 'x' })).toMatch(
      /whole number/,
    );
    expect(conditionIssue({ column: 'gateway', operator: 'inSubnet', value: '10.0.0.0/33' })).toMatch(
      /subnet/,
    );
    expect(conditionIssue({ column: 'gateway', operator: 'inSubnet', value: '10.1' })).toMatch(/subnet/);
    expect(conditionIssue({ column: 'flags', operator: 'is', value: 'shiny' })).toMatch(/flags/);
    expect(conditionIssue({ column: 'comment', operator: 'is', value: ' ' })).toMatch(/value/);
    expect(
      conditionIssue({ column: 'dstAddress', operator: 'inSubnet', value: '2001:db8::/32' }),
    ).toBeUndefined();
    expect(
      findConditionSchema.safeParse({ column: 'distance', operator: 'inSubnet', value: '1' }).success,
    ).toBe(false);
  });

  it('compares numbers as numbers', () => {
    expect(matches({ column: 'distance', operator: 'lessThan', value: '10' }, '9')).toBe(true);
    expect(matches({ column: 'distance', operator: 'lessThan', value: '10' }, '10')).toBe(false);
    expect(matches({ column: 'distance', operator: 'greaterThan', value: '2' }, '12')).toBe(true);
    expect(matches({ column: 'scope', operator: 'isNot', value: '30' }, '30')).toBe(false);
  });

  it('finds text exactly with is, case-blind with contains', () => {
    expect(matches({ column: 'comment', operator: 'is', value: 'ISP1' }, 'ISP1')).toBe(true);
    expect(matches({ column: 'comment', operator: 'is', value: 'ISP1' }, 'isp1')).toBe(false);
    expect(matches({ column: 'comment', operator: 'contains', value: 'isp' }, 'Backup ISP2')).toBe(true);
    expect(matches({ column: 'comment', operator: 'isNot', value: 'ISP1' }, '')).toBe(true);
  });

  it('takes a gateway by any address of an ECMP list, with or without its interface', () => {
    const is = { column: 'gateway', operator: 'is', value: '10.0.0.2' } as const;
    expect(matches(is, '10.0.0.1,10.0.0.2')).toBe(true);
    expect(matches(is, '10.0.0.2%ether2')).toBe(true);
    expect(matches(is, '10.0.0.20')).toBe(false);
    const subnet = { column: 'gateway', operator: 'inSubnet', value: '10.0.0.0/24' } as const;
    expect(matches(subnet, 'ether1,10.0.0.9%ether2')).toBe(true);
    expect(matches(subnet, '10.0.1.1')).toBe(false);
    expect(matches(subnet, 'ether1')).toBe(false);
  });

  it('holds a destination in a subnet only when all of it is inside', () => {
    const subnet = { column: 'dstAddress', operator: 'inSubnet', value: '10.0.0.0/8' } as const;
    expect(matches(subnet, '10.20.0.0/16')).toBe(true);
    expect(matches(subnet, '10.0.0.0/8')).toBe(true);
    expect(matches(subnet, '0.0.0.0/0')).toBe(false);
    expect(matches(subnet, '11.0.0.0/16')).toBe(false);
    expect(matches(subnet, '2001:db8::/32')).toBe(false);
    const v6 = { column: 'dstAddress', operator: 'inSubnet', value: '2001:db8::/32' } as const;
    expect(matches(v6, '2001:db8:5::/48')).toBe(true);
    expect(matches(v6, '2001:db9::/48')).toBe(false);
    expect(matches({ column: 'dstAddress', operator: 'is', value: '1.1.1.1' }, '1.1.1.1/32')).toBe(true);
    expect(matches({ column: 'dstAddress', operator: 'is', value: '2001:DB8::/32' }, '2001:db8::/32')).toBe(
      true,
    );
  });

  it('tells a flag by its letter, d from D', () => {
    expect(matches({ column: 'flags', operator: 'is', value: 'dynamic' }, 'DAd')).toBe(true);
    expect(matches({ column: 'flags', operator: 'is', value: 'dhcp' }, 'DA')).toBe(false);
    expect(matches({ column: 'flags', operator: 'isNot', value: 'active' }, 'XS')).toBe(true);
    expect(conditionText({ column: 'flags', operator: 'isNot', value: 'active' })).toBe(
      'Flags has not active',
    );
    expect(conditionText({ column: 'gateway', operator: 'inSubnet', value: '10.0.0.0/8' })).toBe(
      'Gateway in subnet 10.0.0.0/8',
    );
  });

  it('tests IPv4 prefixes as numbers, /0 and /32 included', () => {
    const net = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    const within = (subnet: { address: number; length: number }, address: number, length: number) => {
      const { lowest, highest, shortest } = ipv4Range(subnet);
      return length >= shortest && address >= lowest && address <= highest;
    };
    expect(within({ address: 0, length: 0 }, net(255, 255, 255, 255), 32)).toBe(true);
    expect(within({ address: net(10, 0, 0, 0), length: 8 }, net(10, 255, 0, 0), 16)).toBe(true);
    expect(within({ address: net(10, 0, 0, 0), length: 8 }, net(10, 0, 0, 0), 7)).toBe(false);
    expect(within({ address: net(10, 0, 0, 0), length: 8 }, net(11, 0, 0, 0), 16)).toBe(false);
    expect(within({ address: net(192, 168, 1, 7), length: 32 }, net(192, 168, 1, 7), 32)).toBe(true);
    expect(within({ address: net(192, 168, 1, 7), length: 32 }, net(192, 168, 1, 8), 32)).toBe(false);
    // A subnet written with host bits (10.1.2.3/8) is its network's.
    expect(ipv4Range({ address: net(10, 1, 2, 3), length: 8 })).toEqual({
      lowest: net(10, 0, 0, 0),
      highest: net(10, 255, 255, 255),
      shortest: 8,
    });
  });
});
