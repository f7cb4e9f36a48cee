const directives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** The renderer's Content-Security-Policy: no inline script, no eval, nothing from elsewhere. */
export const contentSecurityPolicy = directives.join('; ');

/**
 * The same policy for the `<meta>` tag that Electron's file:// load relies on (injected into
 * index.html at build time); browsers ignore frame-ancestors there, and warn about it.
 */
export const metaContentSecurityPolicy = directives
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');
