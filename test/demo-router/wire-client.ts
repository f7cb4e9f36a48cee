// A bare RouterOS API client for tests and the bench: it sends exactly the words it is given and
// hands back every reply sentence as it came, so the demo router's framing can be checked word
// for word, which node-routeros and routeros-api hide.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { encodeSentence, SentenceDecoder } from '../../electron/demo-router/api/words';

export interface Reply {
  /** `!re`, `!done`, `!trap`, `!empty`, `!fatal`. */
  type: string;
  /** `=name=value` words. */
  attrs: Record<string, string>;
  tag: string | undefined;
  words: string[];
}

export function parseReply(words: string[]): Reply {
  const attrs: Record<string, string> = {};
  let tag: string | undefined;
  for (const word of words.slice(1)) {
    if (word.startsWith('=')) {
      const at = word.indexOf('=', 1);
      attrs[word.slice(1, at)] = word.slice(at + 1);
    } else if (word.startsWith('.tag=')) {
      tag = word.slice(5);
    }
  }
  return { type: words[0] ?? '', attrs, tag, words };
}

export interface WireOptions {
  tls?: boolean;
  /** Takes every sentence instead of queueing it for next(): for replies too many to hold. */
  onSentence?: (words: string[]) => void;
}

export class WireClient {
  private readonly decoder = new SentenceDecoder({ maxWordBytes: 16 << 20, maxSentenceBytes: 64 << 20 });
  private readonly queue: Reply[] = [];
  private waiter: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;
  /** Resolves when the router has closed the connection (or it broke). */
  readonly closed: Promise<void>;

  private constructor(
    readonly socket: Socket,
    onSentence: ((words: string[]) => void) | undefined,
  ) {
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const words of this.decoder.push(chunk)) {
          if (onSentence) onSentence(words);
          else this.deliver(parseReply(words));
        }
      } catch (error) {
        this.fail(error as Error);
        socket.destroy();
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('error', (error) => this.fail(error));
      socket.once('close', () => {
        this.fail(new Error('connection closed'));
        resolve();
      });
    });
  }

  static connect(endpoint: { host: string; port: number }, options: WireOptions = {}): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = options.tls
        ? connectTls({ host: endpoint.host, port: endpoint.port, rejectUnauthorized: false })
        : connectTcp(endpoint.port, endpoint.host);
      socket.once(options.tls ? 'secureConnect' : 'connect', () => {
        socket.off('error', reject);
        resolve(new WireClient(socket, options.onSentence));
      });
      socket.once('error', reject);
    });
  }

  send(...words: string[]): void {
    this.socket.write(encodeSentence(words));
  }

  sendRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The next reply; rejects if none comes within the timeout or the connection ends first. */
  next(timeoutMs = 5000): Promise<Reply> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Replies up to and including the `!done` (or `!fatal`) that ends the command tagged `tag`. */
  async untilDone(tag?: string): Promise<Reply[]> {
    const replies: Reply[] = [];
    for (;;) {
      const reply = await this.next();
      replies.push(reply);
      if (reply.type === '!fatal' || (reply.type === '!done' && reply.tag === tag)) return replies;
    }
  }

  async login(user = 'admin', password = ''): Promise<void> {
    this.send('/login', `=name=${user}`, `=password=${password}`);
    const [reply] = await this.untilDone();
    if (reply?.type !== '!done') throw new Error(`login refused: ${reply?.attrs.message}`);
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(reply: Reply): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.resolve(reply);
    else this.queue.push(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.failure);
  }
}
