import type { z } from 'zod';

/**
 * A request channel: the zod schema its argument is parsed with in main, and (as a phantom type,
 * never a value) the type of its answer. Declared once in the contract; everything else derives.
 */
export interface RequestChannel<S extends z.ZodType, R> {
  readonly schema: S;
  /** Type-level only: carries the response type so callers get a typed promise. */
  readonly response?: R;
}

/** `request(schema).returns<Answer>()`: curried so the schema type is inferred and the answer named. */
export function request<S extends z.ZodType>(schema: S) {
  return { returns: <R>(): RequestChannel<S, R> => ({ schema }) };
}

/** An event main pushes to the renderer; the payload type is type-level only. */
export interface EventChannel<P> {
  readonly payload?: P;
}

export function event<P>(): EventChannel<P> {
  return {};
}
