// Reads a Transient Access grant pasted as text (the "Host: … / Port: … / Username: …" block the
// portal shows, or its `ssh user@host -p port` line) into the site dialog's fields.
import { parseDuration } from '../../../shared/routeros/duration';

export interface PastedGrant {
  address?: string;
  port?: string;
  user?: string;
  password?: string;
  /** ISO time. */
  expiresAt?: string;
  readOnly?: boolean;
}

const keys: Record<string, keyof PastedGrant | 'endpoint' | 'duration'> = {
  host: 'address',
  hostname: 'address',
  address: 'address',
  server: 'address',
  endpoint: 'endpoint',
  port: 'port',
  user: 'user',
  username: 'user',
  login: 'user',
  password: 'password',
  pass: 'password',
  expires: 'expiresAt',
  'expires at': 'expiresAt',
  expiry: 'expiresAt',
  'valid until': 'expiresAt',
  duration: 'duration',
  'valid for': 'duration',
  access: 'readOnly',
  mode: 'readOnly',
  permissions: 'readOnly',
};

export function readPastedGrant(text: string, now = Date.now()): PastedGrant {
  const grant: PastedGrant = {};
  const ssh = /\bssh\s+(?:.*?\s)?([^\s@]+)@([^\s:]+)(?:.*?\s-p\s*(\d+))?/.exec(text);
  if (ssh) {
    grant.user = ssh[1];
    grant.address = ssh[2];
    if (ssh[3]) grant.port = ssh[3];
  }
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z][A-Za-z ]*?)\s*[:=]\s*(.+?)\s*$/.exec(line);
    const key = match ? keys[(match[1] as string).toLowerCase()] : undefined;
    const value = match?.[2];
    if (!key || value === undefined) continue;
    if (key === 'endpoint') {
      const endpoint = /^(?:\w+:\/\/)?([^\s:/]+|\[[^\]]+\])(?::(\d+))?/.exec(value);
      if (endpoint?.[1]) grant.address = endpoint[1].replace(/^\[|\]$/g, '');
      if (endpoint?.[2]) grant.port = endpoint[2];
    } else if (key === 'duration') {
      const ms = parseDuration(value.replace(/\s+/g, ''));
      if (ms !== undefined) grant.expiresAt = new Date(now + ms).toISOString();
    } else if (key === 'expiresAt') {
      const time = Date.parse(value);
      if (!Number.isNaN(time)) grant.expiresAt = new Date(time).toISOString();
    } else if (key === 'readOnly') {
      grant.readOnly = /read/i.test(value) && !/write|full/i.test(value);
    } else {
      grant[key] = value;
    }
  }
  return grant;
}
