// A RouterOS API server that misbehaves on purpose: it logs the client in (or not) and then answers
// with whatever a broken or hostile router might send. It speaks just enough of the protocol to
// reach the stage under test: the login, or the first command after it.
import { createServer, type Server, type Socket } from 'node:net';
import { encodeSentence, SentenceDecoder } from '../../electron/demo-router/api/words';

/** What the server sends where a reply belongs. */
export type Misbehaviour =
  /** A control byte where a word length belongs: not RouterOS framing at all. */
  | 'control-byte'
  /** A word announced as nearly 4 GiB long, then filler, 64 KiB at a time, until the client hangs up. */
  | 'huge-length'
  /** A word just under 1 MiB trickled in 1 KiB pieces: allowed, and must cost linear time. */
  | 'long-word'
  /** Half a sentence, then the connection closes. */
  | 'truncated'
  /** Rows without end, each a new route, until the client hangs up. */
  | 'endless-rows'
  /** Nothing at all, the connection left open. */
  | 'silent';

export type Stage = 'login' | 'command';

export interface HostileApiServer {
  port: number;
  /** Connections that are open right now. */
  open(): number;
  stop(): Promise<void>;
}

const filler = Buffer.alloc(64 * 1024, 0x61);

/**
 * Writes `next()` chunks, one per turn of the event loop and only while the socket takes them,
 * until it closes or `next` returns undefined. This server shares the process with the client under
 * test: a loop that filled the kernel's buffer in one go would be its stall, not the client's.
 */
function pump(socket: Socket, next: () => Buffer | undefined): void {
  const write = () => {
    if (socket.destroyed) return;
    const chunk = next();
    if (!chunk) return;
    if (socket.write(chunk)) setImmediate(write);
    else socket.once('drain', write);
  };
  write();
}

function misbehave(socket: Socket, how: Misbehaviour, tag: string | undefined): void {
  const tagged = (words: string[]) => encodeSentence(tag === undefined ? words : [...words, `.tag=${tag}`]);
  switch (how) {
    case 'control-byte':
      socket.write(Buffer.from([0x03, 0x21, 0x72, 0x65, 0xff, 0xff]));
      return;
    case 'huge-length':
      socket.write(Buffer.from([0x03, 0x21, 0x72, 0x65, 0xf0, 0xff, 0xff, 0xff, 0xf0]));
      pump(socket, () => filler);
      return;
    case 'long-word': {
      // `!re`, then `=comment=aaa…` announced at 1 MiB - 64 bytes in the 4-byte form.
      let left = 1024 * 1024 - 64 - '=comment='.length;
      socket.write(
        Buffer.from([0x03, 0x21, 0x72, 0x65, 0xe0, 0x0f, 0xff, 0xc0, ...Buffer.from('=comment=')]),
      );
      // A piece per turn of the loop, so the client gets about a chunk per piece.
      const trickle = () => {
        if (socket.destroyed) return;
        if (left === 0) {
          const end = encodeSentence(tag === undefined ? [] : [`.tag=${tag}`]);
          return void socket.write(Buffer.concat([end, tagged(['!done'])]));
        }
        const size = Math.min(1024, left);
        left -= size;
        socket.write(filler.subarray(0, size));
        setImmediate(trickle);
      };
      trickle();
      return;
    }
    case 'truncated':
      socket.end(Buffer.from([0x03, 0x21, 0x72, 0x65, 0x10, 0x3d, 0x2e, 0x69]));
      return;
    case 'endless-rows': {
      // 100 new routes every 2 ms (50,000 a second), for ever: past any cap within a second.
      let id = 0;
      const flood = () => {
        if (socket.destroyed) return;
        const rows: Buffer[] = [];
        for (let i = 0; i < 100; i++) {
          id += 1;
          const dst = `10.${id >> 16}.${(id >> 8) & 255}.${id & 255}/32`;
          rows.push(tagged(['!re', `=.id=*${id.toString(16)}`, `=dst-address=${dst}`]));
        }
        if (socket.write(Buffer.concat(rows))) setTimeout(flood, 2);
        else socket.once('drain', flood);
      };
      flood();
      return;
    }
    case 'silent':
      return;
  }
}

/** Starts the server: every connection misbehaves the same way, at `stage`. */
export async function startHostileApiServer(how: Misbehaviour, stage: Stage): Promise<HostileApiServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const decoder = new SentenceDecoder({ maxWordBytes: 64 * 1024, maxSentenceBytes: 1024 * 1024 });
    let loggedIn = false;
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      for (const words of decoder.push(chunk)) {
        if (done) return;
        const tag = words.find((word) => word.startsWith('.tag='))?.slice(5);
        if (!loggedIn && words[0] === '/login') {
          if (stage === 'login') {
            done = true;
            return misbehave(socket, how, tag);
          }
          loggedIn = true;
          socket.write(encodeSentence(tag === undefined ? ['!done'] : ['!done', `.tag=${tag}`]));
        } else if (loggedIn && words[0] !== '/cancel') {
          done = true;
          return misbehave(socket, how, tag);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    port: address.port,
    open: () => sockets.size,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
