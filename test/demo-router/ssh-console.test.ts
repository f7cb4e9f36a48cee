// The demo router's SSH door, driven by ssh2's own client over a real socket on loopback: password
// login, `exec` of one command, the interactive shell with RouterOS's prompt, and a host key that
// survives a restart.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientChannel, utils } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { OwnConnections } from '../../electron/demo-router/own-connections';
import { createRouter, type RouterModel, type RouterOptions } from '../../electron/demo-router/router';
import { loadOrCreateHostKey, newHostKey } from '../../electron/demo-router/ssh/host-key';
import { type SshServer, startSshServer } from '../../electron/demo-router/ssh/server';

const HOST = '127.0.0.1';
const running: { router: RouterModel; server: SshServer; clients: Client[] }[] = [];

afterEach(async () => {
  for (const { router, server, clients } of running.splice(0)) {
    for (const client of clients) client.end();
    await server.close();
    router.stop();
  }
});

const keyDir = () => mkdtempSync(join(tmpdir(), 'demo-router-ssh-'));

async function start(options: RouterOptions = {}, hostKeyPath = join(keyDir(), 'ssh-host-key')) {
  const router = createRouter({ checkGatewayIntervalMs: 3_600_000, ...options });
  // No services behind this door: forwarding is tested through the whole demo router.
  const server = await startSshServer(router, {
    port: 0,
    host: HOST,
    hostKeyPath,
    forwardTarget: () => undefined,
    own: new OwnConnections(),
  });
  const entry = { router, server, clients: [] as Client[] };
  running.push(entry);
  return {
    router,
    server,
    /** Logs in; resolves with the client and the SHA-256 of the host key it was shown. */
    login: (username = 'admin', password = '') =>
      new Promise<{ client: Client; hostKey: string }>((resolve, reject) => {
        const client = new Client();
        entry.clients.push(client);
        let hostKey = '';
        client
          .on('ready', () => resolve({ client, hostKey }))
          .on('error', reject)
          .connect({
            host: HOST,
            port: server.port,
            username,
            password,
            hostVerifier: (key: Buffer) => {
              hostKey = createHash('sha256').update(key).digest('base64');
              return true;
            },
          });
      }),
  };
}

function exec(client: Client, command: string): Promise<{ output: string; code: number | undefined }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let output = '';
      let code: number | undefined;
      channel.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      channel.on('exit', (exitCode: number) => {
        code = exitCode;
      });
      channel.on('close', () => resolve({ output, code }));
    });
  });
}

/** An interactive shell: what it has written so far, and a way to wait for more. */
class Terminal {
  text = '';
  closed = false;
  private waiters: (() => void)[] = [];

  constructor(readonly channel: ClientChannel) {
    channel.on('data', (chunk: Buffer) => {
      this.text += chunk.toString();
      for (const wake of this.waiters.splice(0)) wake();
    });
    channel.on('close', () => {
      this.closed = true;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(client: Client, cols = 80): Promise<Terminal> {
    return new Promise((resolve, reject) =>
      client.shell({ cols, rows: 24, term: 'xterm' }, (error, channel) =>
        error ? reject(error) : resolve(new Terminal(channel)),
      ),
    );
  }

  /** Waits until the output written after `from` contains `text`; returns that output. */
  async until(text: string, from = 0): Promise<string> {
    const deadline = Date.now() + 5000;
    while (!this.text.slice(from).includes(text)) {
      if (this.closed || Date.now() > deadline)
        throw new Error(`never saw ${JSON.stringify(text)} in ${JSON.stringify(this.text.slice(from))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.text.slice(from);
  }

  /** Types a line and waits for the next prompt; returns what the command wrote. */
  async type(line: string, prompt: string): Promise<string> {
    const from = this.text.length;
    this.channel.write(`${line}\r`);
    // The echo ends at the first line break; the command's output runs from there to the prompt.
    const written = await this.until(`\r\n${prompt}`, from);
    const echoed = written.indexOf('\r\n') + 2;
    return written.slice(echoed, written.lastIndexOf(prompt));
  }
}

describe('ssh exec', () => {
  it('runs one command and exits 0, with RouterOS output line for line', async () => {
    const { router, login } = await start();
    const { client } = await login();
    const terse = await exec(client, '/ip route print terse');
    expect(terse.code).toBe(0);
    const lines = terse.output.split('\r\n');
    expect(lines[0]).toBe(
      '0  As comment=ISP1 dst-address=0.0.0.0/0 routing-table=main gateway=10.0.1.1 immediate-gw=10.0.1.1%ether1 distance=1 scope=30 target-scope=10 suppress-hw-offload=no',
    );
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toBe('');

    expect((await exec(client, ':put [/system identity get name]')).output).toBe('MikroTik\r\n');
    expect((await exec(client, 'frobnicate')).output).toBe(
      'bad command name frobnicate (line 1 column 1)\r\n',
    );
    await exec(client, '/ip route set [find comment=ISP1] distance=4');
    expect([...router.routes.rows()].find((row) => row.comment === 'ISP1')?.distance).toBe('4');
  });

  it('parses back into the rows the API gives: what a CLI fallback over SSH relies on', async () => {
    const { router, login } = await start();
    const { client } = await login();
    const { output } = await exec(client, ':put [/ip route print as-value]');
    const api = [...router.routes.rows()];
    const entries = output.trim().split(';');
    const parsed: Record<string, string>[] = [];
    for (const entry of entries) {
      const at = entry.indexOf('=');
      const [key, value] = [entry.slice(0, at), entry.slice(at + 1)];
      if (key === '.id') parsed.push({});
      parsed.at(-1)![key] = value;
    }
    expect(parsed).toEqual(
      api.map((row) => Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)))),
    );
  });
});

describe('ssh shell', () => {
  it('greets with the banner and the prompt, follows menus, runs the CLI subset and quits', async () => {
    const { login } = await start();
    const { client } = await login();
    const terminal = await Terminal.open(client);
    await terminal.until('[admin@MikroTik] > ');
    expect(terminal.text).toContain('MikroTik RouterOS 7.18.2');
    expect(await terminal.type('/system identity print', '[admin@MikroTik] > ')).toBe('  name: MikroTik\r\n');
    expect(await terminal.type('/ip route', '[admin@MikroTik] /ip/route> ')).toBe('');
    const printed = await terminal.type('print where static', '[admin@MikroTik] /ip/route> ');
    expect(printed.split('\r\n')).toEqual([
      'Flags: A - ACTIVE; s - STATIC',
      'Columns: DST-ADDRESS, GATEWAY, ROUTING-TABLE, DISTANCE',
      '#    DST-ADDRESS  GATEWAY   ROUTING-TABLE  DISTANCE',
      ';;; ISP1',
      '0 As 0.0.0.0/0    10.0.1.1  main                  1',
      ';;; ISP2',
      '1  s 0.0.0.0/0    10.0.2.1  main                  2',
      '',
    ]);
    expect(await terminal.type('set 1 distance=3', '[admin@MikroTik] /ip/route> ')).toBe('');
    expect(await terminal.type(':put [get 1 distance]', '[admin@MikroTik] /ip/route> ')).toBe('3\r\n');
    expect(await terminal.type('prnt', '[admin@MikroTik] /ip/route> ')).toBe(
      'bad command name prnt (line 1 column 1)\r\n',
    );
    terminal.channel.write('/quit\r');
    await new Promise<void>((resolve) => terminal.channel.on('close', () => resolve()));
  });

  it('shows the user and identity it was given, edits the line, and stops a command on Ctrl-C', async () => {
    const { login } = await start({ user: 'tech', password: 's3cret', identity: 'Lab' });
    const { client } = await login('tech', 's3cret');
    const terminal = await Terminal.open(client);
    await terminal.until('[tech@Lab] > ');
    // A typo rubbed out with Backspace, and an arrow key swallowed.
    expect(await terminal.type(':put hex\x7fllo\x1b[D', '[tech@Lab] > ')).toBe('hello\r\n');
    const from = terminal.text.length;
    terminal.channel.write('/ping 1.1.1.1 interval=20ms\r');
    await terminal.until('seq: 2', from);
    terminal.channel.write('\x03');
    const output = await terminal.until('interrupted\r\n[tech@Lab] > ', from);
    expect(output).toContain('host: 1.1.1.1');
  });

  it('wraps detail at the terminal width', async () => {
    const { login } = await start();
    const { client } = await login();
    const terminal = await Terminal.open(client, 200);
    await terminal.until('> ');
    const detail = await terminal.type('/ip route print detail where comment=ISP1', '[admin@MikroTik] > ');
    expect(detail).toContain(
      ' 0  As   ;;; ISP1\r\n         dst-address=0.0.0.0/0 routing-table=main gateway=10.0.1.1 immediate-gw=10.0.1.1%ether1 distance=1 scope=30 target-scope=10 suppress-hw-offload=no\r\n',
    );
  });
});

describe('ssh login and host key', () => {
  it('refuses a wrong password and announces itself as RouterOS does', async () => {
    const { server, login } = await start();
    await expect(login('admin', 'guess')).rejects.toThrow(/authentication methods failed/);
    const ident = await new Promise<string>((resolve, reject) => {
      const socket = connectTcp(server.port, HOST);
      socket.once('data', (chunk: Buffer) => {
        resolve(chunk.toString().split('\r\n')[0]!);
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(ident).toBe('SSH-2.0-ROSSSH');
  });

  it('makes its host key once and keeps it across restarts', async () => {
    const path = join(keyDir(), 'nested', 'ssh-host-key');
    const first = await start({}, path);
    const { hostKey: before } = await first.login();
    const { server, router, clients } = running.pop()!;
    for (const client of clients) client.end();
    await server.close();
    router.stop();
    const again = await start({}, path);
    expect((await again.login()).hostKey).toBe(before);
    const elsewhere = await start();
    expect((await elsewhere.login()).hostKey).not.toBe(before);
  });

  it('makes host keys ssh2 can load, though its generator spoils about one in 256', () => {
    // 2,000 keys: the spoiled kind would be among them but for one chance in 2,500.
    const spoiled = Array.from({ length: 2000 }, newHostKey).filter(
      (key) => utils.parseKey(key) instanceof Error,
    );
    expect(spoiled).toEqual([]);
  });

  it('replaces a kept host key that cannot be loaded, and serves with the new one', async () => {
    const path = join(keyDir(), 'ssh-host-key');
    writeFileSync(path, '-----BEGIN OPENSSH PRIVATE KEY-----\nbroken\n-----END OPENSSH PRIVATE KEY-----\n');
    const server = await start({}, path);
    expect((await server.login()).hostKey).not.toBe('');
    expect(loadOrCreateHostKey(path)).toEqual(readFileSync(path));
    expect(utils.parseKey(readFileSync(path))).not.toBeInstanceOf(Error);
  });
});
