import { z } from 'zod';
import { routeColumnKeys } from './route-columns';
import { findConditionSchema, maxConditions } from './route-find';

/**
 * Which rows of a site's route table a view shows, and in what order. Filtering and sorting run in
 * main, next to the table, so a million routes never cross IPC: the renderer asks for windows.
 */
export const routeQuerySchema = z.object({
  /** Matches any column, case-insensitively, as a substring. */
  filter: z.string().max(200).default(''),
  /** Find's per-column conditions: a row shows when it meets every one (and the filter box). */
  conditions: z.array(findConditionSchema).max(maxConditions).default([]),
  /** Unset: the router's own order. */
  sort: z.enum(routeColumnKeys).optional(),
  descending: z.boolean().default(false),
  /** Quick filter: enabled and disabled 0.0.0.0/0 routes of the main table. */
  defaultOnly: z.boolean().default(false),
  /** Quick filter: routes with the static flag. */
  staticOnly: z.boolean().default(false),
});

export type RouteQuery = z.input<typeof routeQuerySchema>;
export type RouteQueryParsed = z.output<typeof routeQuerySchema>;

/** A stable key for a query, so main can keep the order it computed for it until the table changes. */
export function queryKey(query: RouteQueryParsed): string {
  return JSON.stringify([
    query.filter.toLowerCase(),
    query.conditions.map(({ column, operator, value }) => [column, operator, value.trim()]),
    query.sort ?? '',
    query.descending,
    query.defaultOnly,
    query.staticOnly,
  ]);
}
