// The byte streams a RouterOS session rides on, opened by Uplink itself so every failure is typed
// the same way and a pinned certificate is checked before a password is ever sent.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { connectFailure, connectTimeout, type Endpoint, type ServiceName } from './router-errors';

/** Decides on a presented fingerprint: resolves to go on, rejects (TrustError) to refuse. */
export type VerifyFingerprint = (fingerprint: string) => Promise<void>;

/**
 * Runs `open` until `ready` is called, failing with a typed error on a socket error, an early close
 * or the deadline. The socket is destroyed on failure; on success its listeners are the caller's.
 */
function settleSocket<S extends Socket>(
  endpoint: Endpoint,
  service: ServiceName,
  timeoutMs: number,
  open: (ready: () => void, fail: (error: unknown) => void) => S,
): Promise<S> {
  return new Promise<S>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', fail);
      socket.off('close', closed);
      if (error === undefined) return resolve(socket);
      socket.destroy();
      reject(connectFailure(error, endpoint, service));
    };
    const fail = (error: unknown) => finish(error ?? new Error('failed'));
    const closed = () => finish(Object.assign(new Error('closed'), { code: 'ECONNRESET' }));
    const timer = setTimeout(() => fail(connectTimeout(endpoint)), timeoutMs);
    const socket = open(() => finish(), fail);
    socket.on('error', fail);
    socket.on('close', closed);
  });
}

export function openTcp(endpoint: Endpoint, service: ServiceName, timeoutMs: number): Promise<Socket> {
  return settleSocket(endpoint, service, timeoutMs, (ready) => {
    const socket = connectTcp({ host: endpoint.host, port: endpoint.port, noDelay: true }, ready);
    socket.setKeepAlive(true, 30_000);
    return socket;
  });
}

/**
 * API-SSL. RouterOS ships self-signed certificates, so the chain is not checked: the certificate's
 * SHA-256 fingerprint is, against the one pinned on first use, before anything is written.
 */
export function openTls(
  endpoint: Endpoint,
  timeoutMs: number,
  verify: VerifyFingerprint,
): Promise<TLSSocket> {
  return settleSocket(endpoint, 'api-ssl', timeoutMs, (ready, fail) => {
    const socket = connectTls({
      host: endpoint.host,
      port: endpoint.port,
      rejectUnauthorized: false,
      // SNI takes host names only.
      ...(/^[\d.]+$|:/.test(endpoint.host) ? {} : { servername: endpoint.host }),
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      if (!fingerprint) return fail(new Error('the router presented no certificate'));
      verify(fingerprint).then(ready, fail);
    });
    return socket;
  });
}
