// SSH to a router with ssh2: the host key checked against its pin before the password is sent,
// then channels on the one connection: `direct-tcpip` to the router's API port where the router
// allows forwarding, `exec` for CLI commands where it does not.
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel } from 'ssh2';
import { RouterError } from './router-client';
import { connectionLost, connectTimeout, type Endpoint, loginRefused } from './router-errors';
import { openTcp, type VerifyFingerprint } from './socket-transports';

export interface SshOptions {
  user: string;
  password: string;
  timeoutMs: number;
  verify: VerifyFingerprint;
}

/** OpenSSH's form: `SHA256:` and unpadded base64 of the key's SHA-256. */
export function sshFingerprint(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

export class SshConnection {
  private ended: RouterError | undefined;
  private readonly lostListeners = new Set<(error: RouterError) => void>();

  private constructor(
    private readonly client: Client,
    errors: { handle(error: Error): void },
  ) {
    // ssh2 emits 'error' on the client for a dead link; unheard, it would crash the process.
    errors.handle = (error) => this.lose(connectionLost(error.message));
    client.on('close', () => this.lose(connectionLost()));
  }

  static async open(endpoint: Endpoint, options: SshOptions): Promise<SshConnection> {
    const socket = await openTcp(endpoint, 'ssh', options.timeoutMs);
    const client = new Client();
    // ssh2 may emit 'error' more than once for one failure (an endless banner: the identification
    // limit, then the socket's end), and after the handshake failed. One listener stays for the
    // client's whole life and hands each error to whoever is in charge at the time.
    const errors = { handle: (_error: Error): void => undefined };
    client.on('error', (error) => errors.handle(error));
    let refusal: unknown;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      errors.handle = (error: Error & { level?: string }) => {
        if (settled) return;
        settled = true;
        client.end();
        socket.destroy();
        if (refusal) return reject(refusal);
        if (error.level === 'client-authentication') return reject(loginRefused(options.user));
        if (error.level === 'client-timeout') return reject(connectTimeout(endpoint));
        reject(new RouterError('unreachable', `The SSH handshake with the router failed: ${error.message}`));
      };
      // A peer that hangs up mid-handshake may do so without an 'error'.
      client.once('close', () => errors.handle(new Error('the router closed the connection')));
      client.once('ready', () => {
        if (settled) return;
        settled = true;
        errors.handle = () => undefined;
        resolve();
      });
      client.connect({
        sock: socket,
        username: options.user,
        password: options.password,
        readyTimeout: options.timeoutMs,
        // The session keeps the link alive and notices a dead one itself.
        keepaliveInterval: 0,
        hostVerifier: (key: Buffer, accept: (valid: boolean) => void) => {
          options.verify(sshFingerprint(key)).then(
            () => accept(true),
            (error: unknown) => {
              refusal = error;
              accept(false);
            },
          );
        },
      });
    });
    return new SshConnection(client, errors);
  }

  /** A `direct-tcpip` channel to `host:port` as the router sees it; rejects where forwarding is off. */
  forward(host: string, port: number): Promise<Duplex> {
    return this.channel((callback) => this.client.forwardOut('127.0.0.1', 0, host, port, callback));
  }

  /** Runs one CLI command on a channel of its own. */
  exec(command: string): Promise<ClientChannel> {
    return this.channel((callback) => this.client.exec(command, callback));
  }

  get lost(): RouterError | undefined {
    return this.ended;
  }

  onLost(listener: (error: RouterError) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  close(): void {
    this.ended ??= new RouterError('closed', 'The session is closed.');
    this.client.end();
  }

  private channel(open: (callback: (error: Error | undefined, channel: ClientChannel) => void) => void) {
    return new Promise<ClientChannel>((resolve, reject) => {
      if (this.ended) return reject(this.ended);
      open((error, channel) => (error ? reject(error) : resolve(channel)));
    });
  }

  private lose(error: RouterError): void {
    if (this.ended) return;
    this.ended = error;
    for (const listener of this.lostListeners) listener(error);
  }
}
