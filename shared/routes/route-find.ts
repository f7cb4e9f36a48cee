import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { routeFlags } from './route';
import { type RouteColumn, routeColumnKeys, routeColumns } from './route-columns';

/**
 * Winbox's Find: conditions on one column each, all of which a route must meet. The test of a
 * condition is over a cell's text as the table shows it, so main can run it once per distinct
 * value of a column (interned strings, the 256 byte values, the few flag combinations) rather
 * than once per route.
 */
export const findOperators = ['is', 'isNot', 'contains', 'inSubnet', 'lessThan', 'greaterThan'] as const;
export type FindOperator = (typeof findOperators)[number];

/** Columns whose cells are addresses (or lists of them): "in subnet" looks at each address. */
const addressColumns: ReadonlySet<RouteColumn> = new Set(['dstAddress', 'gateway', 'immediateGw', 'prefSrc']);
const numericColumns: ReadonlySet<RouteColumn> = new Set(
  routeColumns.filter((column) => 'numeric' in column && column.numeric).map((column) => column.key),
);

/** What a column can be compared with, in the order the operator list offers them. */
export function operatorsFor(column: RouteColumn): readonly FindOperator[] {
  if (column === 'flags') return ['is', 'isNot'];
  if (numericColumns.has(column)) return ['is', 'isNot', 'lessThan', 'greaterThan'];
  if (addressColumns.has(column)) return ['is', 'isNot', 'contains', 'inSubnet'];
  return ['is', 'isNot', 'contains'];
}

const operatorWords: Record<FindOperator, string> = {
  is: 'is',
  isNot: 'is not',
  contains: 'contains',
  inSubnet: 'in subnet',
  lessThan: '<',
  greaterThan: '>',
};

/** The operator in words; a route "has" a flag rather than "is" one. */
export function operatorLabel(column: RouteColumn, operator: FindOperator): string {
  if (column === 'flags') return operator === 'is' ? 'has' : 'has not';
  return operatorWords[operator];
}

export interface FindCondition {
  column: RouteColumn;
  operator: FindOperator;
  /** Text, a number, a prefix (`10.0.0.0/8`, `2001:db8::/32`), or a flag's name for Flags. */
  value: string;
}

const flagByName = (value: string) => routeFlags.find((flag) => flag.key === value || flag.letter === value);

const isAddress = (text: string) => ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);

/** A prefix or a lone address (its /32 or /128), strictly written; undefined for anything else. */
function parsePrefix(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  const [address = '', bits, ...rest] = text.split('/');
  if (rest.length > 0 || !isAddress(address)) return undefined;
  const parsed = ipaddr.parse(address);
  const max = parsed.kind() === 'ipv4' ? 32 : 128;
  if (bits === undefined) return [parsed, max];
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) return undefined;
  return [parsed, Number(bits)];
}

/** Why a condition cannot be searched for, in the technician's words; undefined when it can. */
export function conditionIssue({ column, operator, value }: FindCondition): string | undefined {
  const label = routeColumns.find((each) => each.key === column)?.label ?? column;
  if (!operatorsFor(column).includes(operator))
    return `${label} cannot be compared with “${operatorLabel(column, operator)}”`;
  if (value.trim() === '') return 'Enter a value to find';
  if (column === 'flags' && !flagByName(value)) return 'Pick one of the flags';
  if (numericColumns.has(column) && !/^\d{1,3}$/.test(value.trim())) return `${label} is a whole number`;
  if (operator === 'inSubnet' && !parsePrefix(value.trim()))
    return 'Enter a subnet, like 10.0.0.0/8 or 2001:db8::/32';
  return undefined;
}

export const findConditionSchema = z
  .object({
    column: z.enum(routeColumnKeys),
    operator: z.enum(findOperators),
    value: z.string().max(200),
  })
  .superRefine((condition, context) => {
    const issue = conditionIssue(condition);
    if (issue) context.addIssue({ code: 'custom', path: ['value'], message: issue });
  });

/** Conditions per find: enough for any search a technician writes, few enough to stay fast. */
export const maxConditions = 12;

/** "Gateway in subnet 10.0.0.0/8", "Flags has active": what a chip says. */
export function conditionText({ column, operator, value }: FindCondition): string {
  const label = routeColumns.find((each) => each.key === column)?.label ?? column;
  const shown = column === 'flags' ? (flagByName(value)?.label ?? value) : value;
  return `${label} ${operatorLabel(column, operator)} ${shown}`;
}

/** The addresses in a cell: each of an ECMP list, without the `%interface` a gateway may carry. */
function cellAddresses(text: string): string[] {
  return text.split(',').map((part) => part.split('%')[0] ?? '');
}

/** One condition, ready to test cell texts: built once per query, run per distinct value. */
export interface CompiledCondition {
  readonly column: RouteColumn;
  readonly operator: FindOperator;
  /** True when a cell showing this text meets the condition. */
  test(text: string): boolean;
  /**
   * An IPv4 prefix as numbers, for a numeric sweep over destinations: the subnet of "in subnet",
   * or the destination "is" / "is not" names.
   */
  readonly ipv4?: { address: number; length: number };
}

export function compileCondition(condition: FindCondition): CompiledCondition {
  const { column, operator } = condition;
  const value = condition.value.trim();
  if (column === 'flags') {
    const letter = flagByName(value)?.letter ?? '\0';
    // The cell is the flags' letters, which tell d (dhcp) from D (dynamic): case counts here.
    const has = (text: string) => text.includes(letter);
    return { column, operator, test: operator === 'isNot' ? (text) => !has(text) : has };
  }
  if (numericColumns.has(column)) {
    const number = Number(value);
    const tests: Partial<Record<FindOperator, (n: number) => boolean>> = {
      is: (n) => n === number,
      isNot: (n) => n !== number,
      lessThan: (n) => n < number,
      greaterThan: (n) => n > number,
    };
    const test = tests[operator] ?? (() => false);
    return { column, operator, test: (text) => test(Number(text)) };
  }
  if (operator === 'contains') {
    const needle = value.toLowerCase();
    return { column, operator, test: (text) => text.toLowerCase().includes(needle) };
  }
  if (operator === 'inSubnet') {
    const prefix = parsePrefix(value);
    if (!prefix) return { column, operator, test: () => false };
    const [network, length] = prefix;
    const within = (text: string) => {
      // A destination is in the subnet when all of it is: its network inside, its prefix no shorter.
      const cell = column === 'dstAddress' ? parsePrefix(text) : isAddress(text) && parsePrefix(text);
      return (
        !!cell &&
        cell[0].kind() === network.kind() &&
        cell[1] >= length &&
        (cell[0] as ipaddr.IPv4).match(network as ipaddr.IPv4, length)
      );
    };
    const ipv4 = network.kind() === 'ipv4' ? ipv4Of(network as ipaddr.IPv4, length) : undefined;
    return {
      column,
      operator,
      test: (text) => cellAddresses(text).some(within),
      ...(ipv4 && { ipv4 }),
    };
  }
  // is / is not: the whole cell; for a destination the same prefix however written (`1.1.1.1` is
  // `1.1.1.1/32`); for other addresses any one of an ECMP list, with or without its interface.
  const wanted = column === 'dstAddress' ? parsePrefix(value) : undefined;
  const samePrefix = (text: string) => {
    const cell = wanted && parsePrefix(text);
    return (
      !!cell && cell[1] === wanted![1] && cell[0].toNormalizedString() === wanted![0].toNormalizedString()
    );
  };
  const equal = addressColumns.has(column)
    ? (text: string) =>
        text === value ||
        samePrefix(text) ||
        (column !== 'dstAddress' &&
          text.split(',').some((part) => part === value || part.split('%')[0] === value))
    : (text: string) => text === value;
  const exact = wanted?.[0].kind() === 'ipv4' ? ipv4Of(wanted[0] as ipaddr.IPv4, wanted[1]) : undefined;
  return {
    column,
    operator,
    test: operator === 'isNot' ? (text) => !equal(text) : equal,
    ...(exact && { ipv4: exact }),
  };
}

const ipv4Of = (address: ipaddr.IPv4, length: number) => ({
  address: address.octets.reduce((sum, octet) => sum * 256 + octet, 0),
  length,
});

/**
 * An IPv4 subnet as the numbers a sweep over a million destinations compares: a prefix lies
 * inside when its network address is in [lowest, highest] and it is no shorter than `shortest`.
 */
export function ipv4Range(subnet: { address: number; length: number }): {
  lowest: number;
  highest: number;
  shortest: number;
} {
  const size = 2 ** (32 - subnet.length);
  const lowest = subnet.address - (subnet.address % size);
  return { lowest, highest: lowest + size - 1, shortest: subnet.length };
}
