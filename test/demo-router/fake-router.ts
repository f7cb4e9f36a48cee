// A small stand-in for the router model, for tests of the API front end alone: a fixed route
// table, a lazily generated one of any size, a stream, a trap and a bug, behind the real API and
// API-SSL servers. What the real router answers is tested against the real router.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateCertificate } from '../../electron/demo-router/api/certificate';
import type { ApiRouter } from '../../electron/demo-router/api/connection';
import { FaultRegistry } from '../../electron/demo-router/api/faults';
import { startApiServer } from '../../electron/demo-router/api/server';
import {
  type ApiCommand,
  type Attrs,
  type CommandResult,
  RouterTrap,
} from '../../electron/demo-router/command';
import { RouterOSAPI } from '../../electron/routeros/node-routeros';

export const ROUTES: Attrs[] = [
  {
    '.id': '*1',
    'dst-address': '0.0.0.0/0',
    gateway: '1.1.1.1',
    distance: '1',
    comment: 'uplink:wan1',
    active: 'true',
  },
  {
    '.id': '*2',
    'dst-address': '0.0.0.0/0',
    gateway: '9.9.9.9',
    distance: '2',
    comment: 'uplink:wan2',
    active: 'false',
  },
  { '.id': '*3', 'dst-address': '192.168.88.0/24', gateway: 'bridge', distance: '0', active: 'true' },
  { '.id': '*4', 'dst-address': '10.0.0.0/8', gateway: '192.168.88.254', distance: '10', comment: '' },
];

/** One instance for every miss: floods of them in tests should not pay for a stack trace each. */
const NO_SUCH_ITEM = new RouterTrap('no such item', 0);

export class FakeRouter implements ApiRouter {
  /** Rows `/generated/print` has handed out so far: how far a print has really been read. */
  generatedRowsProduced = 0;
  /** Streams started and not yet stopped or ended. */
  liveStreams = 0;
  readonly commands: ApiCommand[] = [];

  constructor(private readonly generatedRows = 0) {}

  logIn(user: string, password: string): (() => void) | undefined {
    return user === 'admin' && password === '' ? () => undefined : undefined;
  }

  execute(command: ApiCommand): CommandResult {
    this.commands.push(command);
    switch (command.path) {
      case '/ip/route/print':
        return { type: 'rows', rows: ROUTES };
      case '/ip/route/add':
        return { type: 'done', ret: '*5' };
      case '/generated/print':
        return { type: 'rows', rows: this.generate() };
      case '/ping':
        return { type: 'stream', start: (sink) => this.ping(command, sink) };
      case '/ip/route/remove':
        throw NO_SUCH_ITEM;
      case '/bug':
        throw new Error('a bug in the router model');
      default:
        throw new RouterTrap('no such command prefix', undefined, [
          new RouterTrap(`no such command or directory (${command.path.split('/').at(-1)})`, 0),
        ]);
    }
  }

  private *generate(): Generator<Attrs> {
    for (let index = 1; index <= this.generatedRows; index += 1) {
      this.generatedRowsProduced += 1;
      yield {
        '.id': `*${index.toString(16).toUpperCase()}`,
        'dst-address': `10.${index >> 16}.${(index >> 8) & 255}.${index & 255}/32`,
        gateway: '192.168.88.254',
        distance: String(index % 10),
      };
    }
  }

  /** One reply every `=interval=` ms (20 by default) until `=count=` replies, or a stop. */
  private ping(
    command: ApiCommand,
    sink: Parameters<Extract<CommandResult, { type: 'stream' }>['start']>[0],
  ) {
    const count = Number(command.attrs.count ?? Number.POSITIVE_INFINITY);
    let seq = 0;
    this.liveStreams += 1;
    const stop = () => {
      if (timer === undefined) return;
      clearInterval(timer);
      timer = undefined;
      this.liveStreams -= 1;
    };
    let timer: NodeJS.Timeout | undefined = setInterval(
      () => {
        sink.row({ seq: String(seq), host: command.attrs.address ?? '', time: `${seq % 3}ms` });
        seq += 1;
        if (seq >= count) {
          stop();
          sink.end();
        }
      },
      Number(command.attrs.interval ?? 20),
    );
    return stop;
  }
}

export interface FakeServers {
  router: FakeRouter;
  api: { host: string; port: number };
  apiSsl: { host: string; port: number };
  faults: FaultRegistry;
  /** Faults of the front end's own code, which must stay empty. */
  internalErrors: unknown[];
  /** A node-routeros client (with Uplink's fixes) for these servers, not yet connected. */
  nodeRouteros(options?: { tls?: boolean; password?: string; timeout?: number }): RouterOSAPI;
  close(): Promise<void>;
}

export async function startFakeServers(generatedRows = 0): Promise<FakeServers> {
  const router = new FakeRouter(generatedRows);
  const faults = new FaultRegistry();
  const internalErrors: unknown[] = [];
  const onInternalError = (error: unknown) => internalErrors.push(error);
  const tls = await loadOrCreateCertificate(mkdtempSync(join(tmpdir(), 'demo-router-test-')));
  const host = '127.0.0.1';
  const api = await startApiServer(router, { host, port: 0, faults, onInternalError });
  const apiSsl = await startApiServer(router, { host, port: 0, tls, faults, onInternalError });
  return {
    router,
    api: { host, port: api.port },
    apiSsl: { host, port: apiSsl.port },
    faults,
    internalErrors,
    nodeRouteros: ({ tls = false, password = '', timeout } = {}) =>
      new RouterOSAPI({
        host,
        port: tls ? apiSsl.port : api.port,
        user: 'admin',
        password,
        timeout,
        tls: tls ? { rejectUnauthorized: false } : undefined,
      }),
    close: async () => {
      await Promise.all([api.close(), apiSsl.close()]);
    },
  };
}
