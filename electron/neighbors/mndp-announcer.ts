import { createSocket } from 'node:dgram';
import { encodeMndp, MNDP_PORT, type MndpAnnouncement } from './mndp-packet';

export interface LoopbackAnnouncerOptions {
  /** Where the listener is: MNDP's 5678 by default. */
  port?: number;
  /** RouterOS announces every 30 s. */
  intervalMs?: number;
  /** Read anew before every announcement, so identity and uptime stay current. */
  announcement(): Partial<MndpAnnouncement>;
}

export interface Announcer {
  stop(): Promise<void>;
}

/**
 * Announces the in-process demo router the way a router on the LAN announces itself, but to
 * 127.0.0.1 only: the demo router must never show up, or be reachable, beyond this computer.
 */
export function announceOnLoopback(options: LoopbackAnnouncerOptions): Announcer {
  const socket = createSocket('udp4');
  socket.on('error', () => undefined);
  let sequence = 0;
  const announce = () => {
    const packet = encodeMndp(options.announcement(), sequence++);
    socket.send(packet, options.port ?? MNDP_PORT, '127.0.0.1');
  };
  announce();
  const timer = setInterval(announce, options.intervalMs ?? 30_000);
  timer.unref();
  socket.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        socket.close(() => resolve());
      }),
  };
}
