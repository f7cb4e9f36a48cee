// The parsed form of a RouterOS script. Command paths are resolved while parsing (`ip ro pr` is
// already `/ip/route` + `print` here), as RouterOS checks a whole script before running any of it.
import type { Position } from './errors';
import type { Value } from './values';

export type BinaryOperator =
  | '='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '~'
  | 'in'
  | '&&'
  | '||'
  | '+'
  | '-'
  | '*'
  | '/'
  | '.';

export type Expr =
  | { readonly kind: 'literal'; readonly value: Value; readonly position: Position }
  /** An unquoted word: `ether1`, `0.0.0.0/0`, `2`. */
  | { readonly kind: 'word'; readonly text: string; readonly position: Position }
  /** A property of the item a `where` looks at: `comment`, `dst-address`, `active`. */
  | { readonly kind: 'property'; readonly name: string; readonly position: Position }
  | { readonly kind: 'string'; readonly parts: readonly (string | Expr)[]; readonly position: Position }
  | { readonly kind: 'variable'; readonly name: string; readonly position: Position }
  /** `[command]`: the value the last command inside returns. */
  | { readonly kind: 'substitution'; readonly body: readonly Statement[]; readonly position: Position }
  | {
      readonly kind: 'unary';
      readonly operator: '!' | '-';
      readonly operand: Expr;
      readonly position: Position;
    }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly position: Position;
    }
  | {
      readonly kind: 'array';
      readonly entries: readonly { readonly key?: string; readonly value: Expr }[];
      readonly position: Position;
    }
  /** `{ ... }` as code (`do={...}`, `on-event={...}`): run, or handed on as its source. */
  | {
      readonly kind: 'block';
      readonly source: string;
      readonly body: readonly Statement[];
      readonly position: Position;
    }
  /** Parts written together with no space between them, e.g. `$gw%ether1`. */
  | { readonly kind: 'concat'; readonly parts: readonly Expr[]; readonly position: Position };

export interface Argument {
  readonly name: string;
  /** Undefined for an argument that takes no value (`detail`, `once`). */
  readonly value: Expr | undefined;
  readonly position: Position;
}

export type Statement =
  /** A menu on its own (`/ip route`): later commands are relative to it. */
  | { readonly kind: 'menu'; readonly menu: string; readonly position: Position }
  | {
      readonly kind: 'command';
      readonly menu: string;
      readonly command: string;
      readonly args: readonly Argument[];
      readonly where: Expr | undefined;
      readonly position: Position;
    }
  /** A console command (`:put`, `:local`, `:if`...). */
  | {
      readonly kind: 'builtin';
      readonly name: string;
      readonly args: readonly Argument[];
      readonly position: Position;
    };
