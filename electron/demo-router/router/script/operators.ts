// What script operators do with RouterOS values. Item properties arrive as the API prints them
// (`distance=1`, `active=true`, a flag left out when false), so comparisons read numbers as
// numbers, `yes`/`no`/`true`/`false` as booleans (a missing flag as false), and addresses by value.
import { contains, readIp, readPrefix } from '../values';
import type { BinaryOperator } from './ast';
import { ScriptError } from './errors';
import { RosArray, toText, type Value } from './values';

export function truthy(value: Value): boolean {
  if (typeof value === 'number') return value !== 0;
  return value === true || value === 'true' || value === 'yes';
}

function asBoolean(value: Value): boolean | undefined {
  if (value === true || value === 'true' || value === 'yes') return true;
  if (value === false || value === 'false' || value === 'no') return false;
  return undefined;
}

function asNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

function equals(a: Value, b: Value): boolean {
  const [na, nb] = [asNumber(a), asNumber(b)];
  if (na !== undefined && nb !== undefined) return na === nb;
  const [ba, bb] = [asBoolean(a), asBoolean(b)];
  if (ba !== undefined && (bb !== undefined || b === null)) return ba === (bb ?? false);
  if (bb !== undefined && a === null) return bb === false;
  return toText(a) === toText(b);
}

function order(a: Value, b: Value): number {
  const [na, nb] = [asNumber(a), asNumber(b)];
  if (na !== undefined && nb !== undefined) return na - nb;
  const [ia, ib] = [readIp(toText(a)), readIp(toText(b))];
  if (ia !== undefined && ib !== undefined) return ia - ib;
  const [ta, tb] = [toText(a), toText(b)];
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** `a in b`: an address or prefix inside a prefix. */
function within(a: Value, b: Value): boolean {
  const inner = readPrefix(toText(a));
  const outer = readPrefix(toText(b));
  return (
    inner !== undefined &&
    outer !== undefined &&
    outer.length <= inner.length &&
    contains(outer, inner.address)
  );
}

function arithmetic(operator: '+' | '-' | '*' | '/', a: Value, b: Value): Value {
  const [na, nb] = [asNumber(a), asNumber(b)];
  if (na === undefined || nb === undefined)
    throw new ScriptError(`cannot apply ${operator} to ${toText(a)} and ${toText(b)}`);
  switch (operator) {
    case '+':
      return na + nb;
    case '-':
      return na - nb;
    case '*':
      return na * nb;
    case '/':
      if (nb === 0) throw new ScriptError('division by zero');
      return Math.trunc(na / nb);
  }
}

/** A binary operator other than the short-circuiting `&&` and `||`. */
export function apply(operator: Exclude<BinaryOperator, '&&' | '||'>, a: Value, b: Value): Value {
  switch (operator) {
    case '=':
      return equals(a, b);
    case '!=':
      return !equals(a, b);
    case '<':
      return order(a, b) < 0;
    case '>':
      return order(a, b) > 0;
    case '<=':
      return order(a, b) <= 0;
    case '>=':
      return order(a, b) >= 0;
    case '~':
      try {
        return new RegExp(toText(b)).test(toText(a));
      } catch {
        throw new ScriptError('invalid regular expression');
      }
    case 'in':
      return within(a, b);
    case '.':
      if (a instanceof RosArray && b instanceof RosArray) return new RosArray([...a.entries, ...b.entries]);
      return toText(a) + toText(b);
    default:
      return arithmetic(operator, a, b);
  }
}
