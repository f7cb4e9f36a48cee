// A Transient Access grant as the technician pastes it, read into site fields. Portals show a grant
// in several shapes, and the technician copies whichever is at hand:
//   - "key: value" lines (Host / Port / Username / Password / Expires), as the portal's dialog lists;
//   - the `ssh user@host -p port` line offered for SSH grants;
//   - the `winbox://host:port?username=…&password=…` one-click link;
//   - the API's JSON object (Altostrat: username, password, port, entry_point, expires_at,
//     full_access, time_to_expire).
// Whatever is missing stays undefined for the technician to type.

export interface GrantFields {
  address?: string;
  port?: number;
  user?: string;
  password?: string;
  /** ISO 8601. */
  expiresAt?: string;
  readOnly?: boolean;
}

type Field = keyof GrantFields;
/** Keys that name something other than a site field but still tell one. */
type Clue = 'endpoint' | 'relative' | 'fullAccess' | 'link';

const keyNames: Record<string, Field | Clue> = {
  host: 'address',
  hostname: 'address',
  address: 'address',
  server: 'address',
  'entry point': 'endpoint',
  entry_point: 'endpoint',
  endpoint: 'endpoint',
  port: 'port',
  user: 'user',
  username: 'user',
  'user name': 'user',
  login: 'user',
  password: 'password',
  pass: 'password',
  expires: 'expiresAt',
  'expires at': 'expiresAt',
  expires_at: 'expiresAt',
  expiry: 'expiresAt',
  expiration: 'expiresAt',
  'valid until': 'expiresAt',
  duration: 'relative',
  'valid for': 'relative',
  'expires in': 'relative',
  'time to expire': 'relative',
  time_to_expire: 'relative',
  access: 'readOnly',
  'access type': 'readOnly',
  access_type: 'readOnly',
  permissions: 'readOnly',
  permission: 'readOnly',
  mode: 'readOnly',
  'full access': 'fullAccess',
  full_access: 'fullAccess',
  onclick: 'link',
  link: 'link',
};

const unitMs: [RegExp, number][] = [
  [/^w(?:ee)?k?s?$/, 604_800_000],
  [/^d(?:ays?)?$/, 86_400_000],
  [/^h(?:rs?|ours?)?$/, 3_600_000],
  [/^m(?:in(?:ute)?s?)?$/, 60_000],
  [/^s(?:ec(?:ond)?s?)?$/, 1000],
];

/** "15 minutes from now", "in 2 hours", "1h 30m", "90 min": milliseconds, or undefined. */
export function parseRelativeDuration(text: string): number | undefined {
  const parts = [...text.toLowerCase().matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)];
  if (parts.length === 0) return undefined;
  let total = 0;
  for (const [, amount, unit] of parts) {
    const ms = unitMs.find(([pattern]) => pattern.test(unit as string))?.[1];
    if (ms === undefined) return undefined;
    total += Number(amount) * ms;
  }
  return total;
}

function parsePort(value: string | number): number | undefined {
  const port = Number(value);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

/** `[::1]` → `::1`; a host keeps its case-insensitive spelling as given. */
function parseHost(value: string): string | undefined {
  const host = value.replace(/^\[(.*)\]$/, '$1');
  return host === '' || /\s/.test(host) ? undefined : host;
}

/** "host", "host:port", "[v6]:port", "scheme://host:port/…". */
function parseEndpoint(value: string): Pick<GrantFields, 'address' | 'port'> {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\s]*@)?(\[[^\]]+\]|[^\s:/?#]+)(?::(\d+))?/i.exec(value);
  if (!match) return {};
  const address = parseHost(match[1] as string);
  const port = match[2] === undefined ? undefined : parsePort(match[2]);
  return { ...(address && { address }), ...(port && { port }) };
}

function parseAccess(value: string): boolean | undefined {
  if (/read[\s_-]*only|^read$|^ro$/i.test(value)) return true;
  if (/full|write|admin|^rw$/i.test(value)) return false;
  return undefined;
}

function parseYesNo(value: string | boolean): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (/^(yes|true|on|enabled|1)$/i.test(value)) return true;
  if (/^(no|false|off|disabled|0)$/i.test(value)) return false;
  return undefined;
}

function parseTime(value: string, now: number): string | undefined {
  const relative = /\b(from now|left|remaining)\b|^in\s/i.test(value)
    ? parseRelativeDuration(value)
    : undefined;
  if (relative !== undefined) return new Date(now + relative).toISOString();
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** What one "key: value" says, as site fields (none, when the key or value means nothing here). */
function readEntry(key: string, raw: string | number | boolean, now: number): GrantFields {
  const kind = keyNames[key.trim().toLowerCase()];
  const value = typeof raw === 'string' ? unwrap(raw) : raw;
  const text = String(value);
  const only = <K extends Field>(field: K, found: GrantFields[K] | undefined): GrantFields =>
    found === undefined ? {} : { [field]: found };
  switch (kind) {
    case 'address':
    case 'endpoint':
      return parseEndpoint(text);
    case 'port':
      return only('port', parsePort(value as string | number));
    case 'user':
      return text === '' ? {} : { user: text };
    case 'password':
      // An empty password is a password: RouterOS logs in with none, so the field must be empty, not left as it was.
      return { password: text };
    case 'expiresAt':
      return only('expiresAt', parseTime(text, now));
    case 'relative': {
      const ms = parseRelativeDuration(text);
      return only('expiresAt', ms === undefined ? undefined : new Date(now + ms).toISOString());
    }
    case 'readOnly':
      return only('readOnly', parseAccess(text));
    case 'fullAccess': {
      const full = parseYesNo(value as string | boolean);
      return only('readOnly', full === undefined ? undefined : !full);
    }
    case 'link':
      return parseLink(text);
    default:
      return {};
  }
}

/** Accumulates what the pasted text says; the first mention of a field wins. */
class GrantReader {
  readonly fields: GrantFields = {};

  constructor(private readonly now: number) {}

  setAll(found: GrantFields): void {
    for (const [field, value] of Object.entries(found) as [Field, never][]) {
      if (value !== undefined && this.fields[field] === undefined) this.fields[field] = value;
    }
  }

  take(key: string, raw: string | number | boolean): void {
    this.setAll(readEntry(key, raw, this.now));
  }
}

/** Quotes, backticks and markdown emphasis a portal or chat wraps values in. */
function unwrap(value: string): string {
  return value
    .trim()
    .replace(/^(\*\*|__|`)(.*)\1$/, '$2')
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim();
}

/** `winbox://host:port?username=…&password=…` or `ssh://user@host:port`. */
function parseLink(text: string): GrantFields {
  const match = /\b(winbox|ssh):\/\/\S+/i.exec(text);
  if (!match) return {};
  let url: URL;
  try {
    // URL does not know these schemes' authority rules; read them as http to get host and port.
    url = new URL(match[0].replace(/^[a-z]+:/i, 'http:'));
  } catch {
    return {};
  }
  const fields: GrantFields = parseEndpoint(`${url.hostname.replace(/^\[|\]$/g, '')}`);
  const port = parsePort(url.port);
  if (port) fields.port = port;
  const user = url.searchParams.get('username') ?? (url.username ? decodeURIComponent(url.username) : null);
  const password =
    url.searchParams.get('password') ?? (url.password ? decodeURIComponent(url.password) : null);
  if (user) fields.user = user;
  if (password !== null) fields.password = password;
  return fields;
}

/** `ssh [-p port] [-l user] [user@]host [-p port]`, options in any order. */
function parseSshCommand(text: string): GrantFields {
  for (const line of text.split(/\r?\n/)) {
    const words = line
      .trim()
      .replace(/^\$\s*/, '')
      .split(/\s+/);
    if (words[0] !== 'ssh') continue;
    const fields: GrantFields = {};
    for (let index = 1; index < words.length; index++) {
      const word = words[index] as string;
      const attached = /^-([pl])(.+)$/.exec(word);
      const option = attached ? attached[1] : /^-([pl])$/.exec(word)?.[1];
      if (option) {
        const value = attached ? (attached[2] as string) : (words[++index] ?? '');
        if (option === 'p') fields.port = parsePort(value);
        else fields.user = value;
      } else if (/^-o$|^-[iFJLRDWEbcemQSw]$/.test(word)) {
        index++; // an option that takes a value this reader has no use for
      } else if (!word.startsWith('-')) {
        const at = word.lastIndexOf('@');
        if (at > 0) fields.user ??= word.slice(0, at);
        const endpoint = parseEndpoint(word.slice(at + 1));
        fields.address = endpoint.address;
        fields.port ??= endpoint.port;
        break;
      }
    }
    // Options after the destination (`ssh user@host -p 2222`) are common in portals' copy buttons.
    const trailingPort = /\s-p\s*(\d+)/.exec(line)?.[1];
    if (trailingPort) fields.port ??= parsePort(trailingPort);
    if (fields.address) return fields;
  }
  return {};
}

function readJson(text: string, reader: GrantReader): boolean {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return false;
  }
  const object = Array.isArray(parsed) ? parsed[0] : parsed;
  // Some APIs wrap the object: `{ "data": { … } }`.
  const grant =
    object && typeof object === 'object' && 'data' in object ? (object as { data: unknown }).data : object;
  if (!grant || typeof grant !== 'object') return false;
  for (const [key, value] of Object.entries(grant)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      reader.take(key, value);
    }
  }
  return true;
}

/** Reads a pasted grant; fields the text does not give are left out. */
export function parseGrant(text: string, now = Date.now()): GrantFields {
  const reader = new GrantReader(now);
  if (!readJson(text, reader)) {
    for (const line of text.split(/\r?\n/)) {
      // "- **Host:** edge-1.example.net", "Password = s3cr3t", "Expires at: 2025-10-29 12:15 UTC"
      const match =
        /^[\s>*•·-]*(?:\*\*|__)?([A-Za-z][A-Za-z _]*?)(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?\s*(.*?)\s*$/.exec(
          line,
        );
      if (match) reader.take(match[1] as string, match[2] as string);
    }
    reader.setAll(parseSshCommand(text));
  }
  reader.setAll(parseLink(text));
  return reader.fields;
}
