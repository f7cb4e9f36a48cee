// node-routeros 1.6.9, fixed for what Uplink meets. Import RouterOSAPI from here, never from
// 'node-routeros' directly. 1.6.9 is the last release; both faults below are in its dist code.
//
// 1. `!empty`. Since RouterOS 7.18 a command with nothing to return (a print that matches nothing)
//    answers `!empty`, then `!done`. 1.6.9 knows only `!re`, `!done` and `!trap`: its Channel hands
//    any other reply to an 'unknown' handler that throws inside the socket's 'data' event, an
//    uncaught exception; the throw also leaves its receiver flagged busy, so that call never
//    settles and nothing more is read on the connection. `!empty` carries nothing to keep, so each
//    channel now skips it: the `!done` that follows settles a print with [], a stream carries on.
//
// 2. Split reads. The receiver decides a reply is complete by whether more bytes followed in the
//    same chunk, and gets it wrong when a chunk ends just before a sentence's closing zero byte:
//    that reply is held until some other reply arrives, often the keepalive at half the timeout.
//    Any TCP segment, TLS record or SSH channel window can end there. The receiver is now fed
//    whole sentences only, cut at sentence ends; a stream that is not RouterOS framing at all
//    (a control byte), or a word or sentence over Uplink's reply limits, fails the connection
//    with a ProtocolError instead of hanging it or buffering without end.
//
// The channel and receiver are private to the library, so the fixes are added where this subclass
// makes them; the published class is left as it was.
import { type Channel, RouterOSAPI as Unfixed } from 'node-routeros';
import { SentenceFramer } from './sentence-framer';

/** The library's internals that the fixes touch (untyped: private in its declarations). */
interface ChannelInternals {
  processPacket(packet: string[]): void;
}
interface ReceiverInternals {
  socket: { destroy(error: Error): void; pause(): void; resume(): void };
  processRawData(data: Buffer): void;
}
interface ApiInternals {
  connector?: { receiver: ReceiverInternals };
  openChannel(): Channel;
}

function skipEmptyReplies(channel: Channel): Channel {
  const internals = channel as unknown as ChannelInternals;
  const processPacket = internals.processPacket;
  internals.processPacket = (packet) => {
    if (packet[0] !== '!empty') processPacket.call(channel, packet);
  };
  return channel;
}

/**
 * The most bytes of whole sentences handed to the receiver in one turn of the event loop. The
 * library spends a fair while on each row; a 64 KB read of a row flood held main for tens of
 * milliseconds (hundreds on a busy machine). What is left waits for the next turn, with the
 * socket paused so that the router is slowed by TCP instead of piling up here.
 */
const sliceBytes = 16 * 1024;
const noBytes = Buffer.alloc(0);

const cutReceivers = new WeakSet<ReceiverInternals>();

function feedWholeSentences(receiver: ReceiverInternals, onUnreadable: (error: Error) => void): void {
  if (cutReceivers.has(receiver)) return;
  cutReceivers.add(receiver);
  const processRawData = receiver.processRawData;
  const framer = new SentenceFramer();
  let waiting = false;
  const feed = (chunk: Buffer) => {
    try {
      const whole = framer.push(chunk, sliceBytes);
      // The receiver decodes what it is handed before returning; the view is not kept past it.
      if (whole.length > 0) processRawData.call(receiver, whole);
    } catch (error) {
      // Not RouterOS framing, over the limits, or a reply the library cannot place (it throws
      // inside the socket's data handler): the connection fails, never the process.
      onUnreadable(error as Error);
      receiver.socket.destroy(error as Error);
      return;
    }
    if (framer.more && !waiting) {
      waiting = true;
      receiver.socket.pause();
      setImmediate(() => {
        waiting = false;
        feed(noBytes);
      });
    } else if (!framer.more) {
      receiver.socket.resume();
    }
  };
  receiver.processRawData = (data) => {
    // A chunk that arrives while a slice waits joins the queue behind it, so the order is kept.
    if (waiting) framer.hold(data);
    else feed(data);
  };
}

export class RouterOSAPI extends Unfixed {
  /**
   * Why the connection was failed, when the router sent what is not RouterOS framing, is over the
   * limits or cannot be placed: the library reports only a closed socket, with the reason lost.
   */
  unreadable: Error | undefined;

  override connect(): Promise<RouterOSAPI> {
    const connecting = super.connect();
    // The connector and its receiver are made synchronously in there; no data has arrived yet.
    const { connector } = this as unknown as ApiInternals;
    if (connector) {
      feedWholeSentences(connector.receiver, (error) => {
        this.unreadable ??= error;
      });
    }
    return connecting as Promise<RouterOSAPI>;
  }
}

const openChannel = (Unfixed.prototype as unknown as ApiInternals).openChannel;
(RouterOSAPI.prototype as unknown as ApiInternals).openChannel = function (this: RouterOSAPI) {
  return skipEmptyReplies(openChannel.call(this));
};

export type { IRosOptions, RStream } from 'node-routeros';
