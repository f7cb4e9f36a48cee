// Failures of the transports (TCP, TLS, SSH) put into RouterErrors worded for a person: what
// happened, at which address, and what to check next.
import type { TrustPrompt } from '../../shared/sessions/session-state';
import { RouterError } from './router-client';

export interface Endpoint {
  host: string;
  port: number;
}

/** The RouterOS service a connection is for, as /ip service names it. */
export type ServiceName = 'api' | 'api-ssl' | 'ssh';

/** A presented key or certificate that does not match the pinned one; refused until trusted. */
export class TrustError extends RouterError {
  constructor(
    readonly prompt: TrustPrompt,
    message: string,
  ) {
    super('trust', message);
    this.name = 'TrustError';
  }
}

export function endpointText({ host, port }: Endpoint): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const unreachableCodes = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** A socket-level failure while connecting. */
export function connectFailure(error: unknown, endpoint: Endpoint, service: ServiceName): RouterError {
  if (error instanceof RouterError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = endpointText(endpoint);
  if (code === 'ECONNREFUSED') {
    return new RouterError(
      'unreachable',
      `${where} refused the connection. Is the ${service} service enabled in /ip service, on port ${endpoint.port}?`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new RouterError(
      'unreachable',
      `The address ${endpoint.host} could not be found. Check the address.`,
    );
  }
  if (code !== undefined && unreachableCodes.has(code)) {
    return new RouterError(
      'unreachable',
      `${where} cannot be reached from this computer (${code}). Check the address and the network.`,
    );
  }
  if (code === 'ETIMEDOUT') return connectTimeout(endpoint);
  if (code !== undefined && droppedCodes.has(code)) {
    return new RouterError('closed', `${where} closed the connection while it was being set up.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RouterError('unreachable', `Could not connect to ${where}: ${message}`);
}

export function connectTimeout(endpoint: Endpoint): RouterError {
  return new RouterError(
    'timeout',
    `${endpointText(endpoint)} did not answer in time. Check that it is reachable from this computer and that no firewall drops the port.`,
  );
}

export function loginRefused(user: string, detail?: string): RouterError {
  const said = detail ? ` (the router said: ${detail})` : '';
  return new RouterError(
    'auth',
    `The router refused the login for user “${user}”: wrong user name or password${said}. Check them in Edit site.`,
  );
}

export function connectionLost(detail?: string): RouterError {
  return new RouterError(
    'closed',
    detail ? `The connection to the router was lost: ${detail}` : 'The connection to the router was lost.',
  );
}

/**
 * Bytes that are not RouterOS's framing, or a reply over one of Uplink's limits: that session ends,
 * nothing else does.
 */
export function unreadableReply(detail: string): RouterError {
  return new RouterError('unreadable', `The router sent something Uplink cannot read: ${detail}.`);
}

/** A reply with more items than Uplink holds for one call; that call fails, the session stays. */
export function replyOverLimit(command: string, limit: number): RouterError {
  return new RouterError(
    'unreadable',
    `The router’s answer to ${command} has more than ${limit.toLocaleString('en')} items, more than Uplink reads for one request.`,
  );
}

export function sessionClosed(): RouterError {
  return new RouterError('closed', 'The session is closed.');
}
