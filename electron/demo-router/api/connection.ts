// One API session, as RouterOS runs it (help.mikrotik.com, API): `/login` first, then any number of
// commands in flight at once, told apart by `.tag`; `/cancel` and `/quit` are handled here, every
// other command goes to the router. Nothing a client sends can throw out of this class: a bad
// sentence ends its own connection, a failing command is trapped.
import type { Socket } from 'node:net';
import { type ApiCommand, type Attrs, type CommandResult, type CommandTarget, RouterTrap } from '../command';
import type { LoginOrigin } from '../router/user/active-users';
import { rowSelector } from './query';
import type { ReplyWriter } from './reply-writer';
import { ProtocolError, SentenceDecoder, type SentenceLimits } from './words';

/** The router as the API sees it: it runs commands and checks logins. */
export interface ApiRouter extends CommandTarget {
  /** A login, listed in `/user/active` until the returned function is called; undefined when refused. */
  logIn(user: string, password: string, origin: LoginOrigin): (() => void) | undefined;
}

/** RouterOS limits what may be sent before login; a login sentence is small. */
const LOGIN_LIMITS: SentenceLimits = { maxWordBytes: 4 * 1024, maxSentenceBytes: 16 * 1024 };
/** After login: room for a long script source, not for a length that would exhaust memory. */
const SESSION_LIMITS: SentenceLimits = { maxWordBytes: 1024 * 1024, maxSentenceBytes: 4 * 1024 * 1024 };

/**
 * Replies queued for a client that does not read them, beyond which its further commands are left
 * unread (TCP then holds the client back) until it catches up: a flood of commands must not turn
 * into a flood of replies in memory.
 */
const MAX_BACKLOG = 1024 * 1024;

/** Rows a print examines between yields to the event loop. */
const ROWS_PER_TURN = 4096;

const WRONG_LOGIN = 'invalid user name or password (6)';
const INTERRUPTED = new RouterTrap('interrupted', 2);

/** A command whose replies are still coming: a print being written out, or a stream. */
interface Running {
  readonly tag: string | undefined;
  /** Set once it is cancelled or its connection is gone: it must write nothing more. */
  interrupted: boolean;
  stopStream?: () => void;
}

export class ApiConnection {
  private readonly decoder = new SentenceDecoder(LOGIN_LIMITS);
  private user: string | undefined;
  private logOut: (() => void) | undefined;
  private readonly running = new Set<Running>();
  private ended = false;

  constructor(
    private readonly socket: Socket,
    private readonly router: ApiRouter,
    private readonly writer: ReplyWriter,
    private readonly onInternalError: (error: unknown) => void,
    /** Where the router sees this connection coming from, asked at login. */
    private readonly origin: () => LoginOrigin,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A reset or a broken pipe only ends this connection; 'close' follows and cleans up.
    socket.on('error', () => undefined);
    socket.once('close', () => this.end());
  }

  private receive(chunk: Buffer): void {
    if (this.ended) return;
    try {
      for (const words of this.decoder.push(chunk)) {
        if (this.ended) return;
        this.handle(words);
      }
      if (this.writer.backlog > MAX_BACKLOG) {
        this.socket.pause();
        void this.writer.ready().then(() => this.socket.resume());
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) this.onInternalError(error);
      // RouterOS does not document what it says to a malformed stream; the message is ours.
      this.fatal(error instanceof ProtocolError ? error.message : 'internal error');
    }
  }

  private handle(words: string[]): void {
    const { command, tag } = parseSentence(words);
    if (command.path === '/login') {
      this.login(command.attrs, tag);
    } else if (this.user === undefined) {
      this.trap(new RouterTrap('not logged in'), tag);
    } else if (command.path === '/cancel') {
      this.cancel(command.attrs.tag || undefined, tag);
    } else if (command.path === '/quit') {
      this.fatal('session terminated on request');
    } else if (!command.path.startsWith('/')) {
      this.trap(new RouterTrap('no such command prefix'), tag);
    } else {
      this.execute(command, tag, this.user);
    }
  }

  /** The post-6.43 login: name and password in plain text, `!done` or a trap. */
  private login(attrs: Attrs, tag: string | undefined): void {
    const user = attrs.name ?? '';
    const logOut = this.router.logIn(user, attrs.password ?? '', this.origin());
    if (!logOut) {
      this.trap(new RouterTrap(WRONG_LOGIN), tag);
      return;
    }
    this.logOut?.();
    this.logOut = logOut;
    this.user = user;
    this.decoder.setLimits(SESSION_LIMITS);
    this.writer.send(reply('!done', undefined, tag));
  }

  private execute(command: ApiCommand, tag: string | undefined, user: string): void {
    let result: CommandResult;
    let select: (row: Attrs) => Attrs | undefined;
    try {
      select = rowSelector(command);
      result = this.router.execute(command, { user });
    } catch (error) {
      this.fail(error, tag);
      return;
    }
    if (result.type === 'done') {
      this.writer.send(reply('!done', result.ret === undefined ? undefined : { ret: result.ret }, tag));
      return;
    }
    const running: Running = { tag, interrupted: false };
    this.running.add(running);
    if (result.type === 'rows') {
      this.writeRows(running, result.rows, select).catch((error: unknown) => this.onInternalError(error));
    } else {
      this.startStream(running, result.start, select);
    }
  }

  /** Writes a print's rows as the socket takes them: `!re` each, `!empty` when none, `!done`. */
  private async writeRows(
    running: Running,
    rows: Iterable<Attrs>,
    select: (row: Attrs) => Attrs | undefined,
  ) {
    let sent = 0;
    let examined = 0;
    try {
      for (const row of rows) {
        examined += 1;
        const selected = select(row);
        if (selected) {
          sent += 1;
          if (!this.writer.send(reply('!re', selected, running.tag))) await this.writer.ready();
        }
        // A socket that keeps taking data, or a query that skips most rows, would otherwise keep
        // this loop from yielding to the other connections until the whole print is done.
        if (examined % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
        if (running.interrupted) return;
      }
    } catch (error) {
      if (running.interrupted) return;
      this.running.delete(running);
      this.fail(error, running.tag);
      return;
    }
    this.running.delete(running);
    if (sent === 0) this.writer.send(reply('!empty', undefined, running.tag));
    this.writer.send(reply('!done', undefined, running.tag));
  }

  private startStream(
    running: Running,
    start: Extract<CommandResult, { type: 'stream' }>['start'],
    select: (row: Attrs) => Attrs | undefined,
  ): void {
    const live = () => !running.interrupted && this.running.has(running);
    try {
      running.stopStream = start({
        row: (attrs) => {
          const selected = live() ? select(attrs) : undefined;
          if (selected) this.writer.send(reply('!re', selected, running.tag));
        },
        end: (trap) => {
          if (!live()) return;
          this.running.delete(running);
          if (trap) this.trap(trap, running.tag);
          else this.writer.send(reply('!done', undefined, running.tag));
        },
      });
    } catch (error) {
      this.running.delete(running);
      this.fail(error, running.tag);
    }
  }

  /**
   * `/cancel`, with `=tag=` one command, without it all: each gets `!trap category=2 interrupted`,
   * then `/cancel` its `!done`, then each its own `!done`, in the order RouterOS documents.
   */
  private cancel(target: string | undefined, tag: string | undefined): void {
    const cancelled = [...this.running].filter((running) => target === undefined || running.tag === target);
    for (const running of cancelled) {
      this.interrupt(running);
      this.writer.send(trapWords(INTERRUPTED, running.tag));
    }
    this.writer.send(reply('!done', undefined, tag));
    for (const running of cancelled) this.writer.send(reply('!done', undefined, running.tag));
  }

  private interrupt(running: Running): void {
    running.interrupted = true;
    this.running.delete(running);
    running.stopStream?.();
  }

  private fail(error: unknown, tag: string | undefined): void {
    if (error instanceof RouterTrap) {
      this.trap(error, tag);
      return;
    }
    this.onInternalError(error);
    this.trap(new RouterTrap(error instanceof Error ? error.message : String(error), 4), tag);
  }

  /** A trap always ends its command: `!trap` (one per trap, when several) then `!done`, all tagged. */
  private trap(trap: RouterTrap, tag: string | undefined): void {
    for (const each of [...trap.preceding, trap]) this.writer.send(trapWords(each, tag));
    this.writer.send(reply('!done', undefined, tag));
  }

  /** `!fatal` carries its reason as a bare word, not `=message=` (RouterOS's API docs, `/quit`). */
  private fatal(reason: string): void {
    this.writer.sendLast(['!fatal', reason]);
    this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.logOut?.();
    for (const running of [...this.running]) {
      try {
        this.interrupt(running);
      } catch (error) {
        this.onInternalError(error);
      }
    }
  }
}

/** Splits a sentence into the command the router sees and the `.tag` the front end echoes. */
function parseSentence(words: readonly string[]): { command: ApiCommand; tag: string | undefined } {
  const command: ApiCommand = { path: words[0] ?? '', attrs: {}, queries: [] };
  let tag: string | undefined;
  for (const word of words.slice(1)) {
    if (word.startsWith('=')) {
      const at = word.indexOf('=', 1);
      const name = at < 0 ? word.slice(1) : word.slice(1, at);
      const value = at < 0 ? '' : word.slice(at + 1);
      if (name === '.proplist') command.proplist = value.split(',').filter((property) => property !== '');
      else command.attrs[name] = value;
    } else if (word.startsWith('?')) {
      command.queries.push(word);
    } else if (word.startsWith('.tag=')) {
      // An empty tag means untagged replies (API docs, Tags).
      tag = word.slice(5) || undefined;
    }
  }
  return { command, tag };
}

function reply(type: string, attrs: Attrs | undefined, tag: string | undefined): string[] {
  const words = [type];
  if (attrs) for (const name in attrs) words.push(`=${name}=${attrs[name]}`);
  if (tag !== undefined) words.push(`.tag=${tag}`);
  return words;
}

function trapWords(trap: RouterTrap, tag: string | undefined): string[] {
  return reply(
    '!trap',
    trap.category === undefined
      ? { message: trap.message }
      : { category: String(trap.category), message: trap.message },
    tag,
  );
}
