// What Uplink reads from a router at most. A router (or something posing as one) can announce any
// length and send replies without end; these bound the memory one session can take, and are
// checked on the length prefix, before any of the announced bytes are held.

import type { SentenceLimits } from '../demo-router/api/words';

/**
 * One API word or sentence. The longest values RouterOS sends are script sources and exported
 * certificates, well under a megabyte; a route's words are a few dozen bytes.
 */
export const replyLimits: SentenceLimits = {
  maxWordBytes: 1024 * 1024,
  maxSentenceBytes: 4 * 1024 * 1024,
};

/** Items one `print` may return into memory; tables that can be bigger are read with a bulk print. */
export const maxPrintRows = 200_000;

/** Routes one route table holds: the biggest full BGP tables have about 1.2 million. */
export const maxTableRoutes = 2_000_000;

/**
 * What one console command may print before Uplink stops reading it: a whole print of the biggest
 * table one call reads (maxPrintRows items of a few hundred bytes) fits with room to spare.
 */
export const maxConsoleBytes = 128 * 1024 * 1024;
