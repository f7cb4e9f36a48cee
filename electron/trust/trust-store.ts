import { join } from 'node:path';
import type { TrustPrompt } from '../../shared/sessions/session-state';
import { type Endpoint, endpointText, TrustError } from '../routeros/router-errors';
import { JsonFile } from '../sites/json-file';

export type TrustKind = TrustPrompt['kind'];

export interface Pin {
  kind: TrustKind;
  /** Where the key was seen, `host:port`: a site moved to another address starts afresh. */
  endpoint: string;
  fingerprint: string;
  /** ISO time it was pinned. */
  pinnedAt: string;
}

interface TrustFile {
  version: 1;
  /** By site id. */
  pins: Record<string, Pin[]>;
}

export const TRUST_FILE = 'trust.json';

export const kindWords: Record<TrustKind, string> = {
  'ssh-host-key': 'SSH host key',
  'tls-certificate': 'API-SSL certificate',
};

/**
 * Trust on first use, for SSH host keys and API-SSL certificates: the first fingerprint a site's
 * endpoint presents is pinned once the technician trusts it; a different one later is refused, with
 * both fingerprints, until the technician trusts the new one.
 */
export class TrustStore {
  private constructor(
    private readonly file: JsonFile<TrustFile>,
    private readonly pins: Map<string, Pin[]>,
  ) {}

  static async open(profileDir: string): Promise<TrustStore> {
    const file = new JsonFile<TrustFile>(join(profileDir, TRUST_FILE));
    const stored = await file.read();
    return new TrustStore(file, new Map(Object.entries(stored?.pins ?? {})));
  }

  pinned(siteId: string, kind: TrustKind, endpoint: Endpoint): Pin | undefined {
    const where = endpointText(endpoint);
    return this.pins.get(siteId)?.find((pin) => pin.kind === kind && pin.endpoint === where);
  }

  /**
   * Checks a presented fingerprint: passes when it matches the pin; otherwise throws a TrustError
   * that the technician answers. A first one is shown to be checked before it is pinned (a grant's
   * public endpoint is exactly where someone could sit in the middle); a changed one comes with both.
   */
  verify(siteId: string, kind: TrustKind, endpoint: Endpoint, fingerprint: string): void {
    const pin = this.pinned(siteId, kind, endpoint);
    if (pin?.fingerprint === fingerprint) return;
    if (!pin) {
      throw new TrustError(
        { kind, fingerprint },
        `First connection to this router over ${kind === 'ssh-host-key' ? 'SSH' : 'API-SSL'}: check its ${kindWords[kind]} and trust it to connect.`,
      );
    }
    throw new TrustError(
      { kind, fingerprint, previous: pin.fingerprint },
      `The router’s ${kindWords[kind]} has changed since it was trusted on ${pin.pinnedAt.slice(0, 10)}. ` +
        'Uplink refused to connect: someone may be intercepting the connection. Trust the new one only if ' +
        'the router was reset or its key was regenerated.',
    );
  }

  /** Pins `fingerprint`, replacing what was pinned for this site, kind and endpoint. */
  async pin(siteId: string, kind: TrustKind, endpoint: Endpoint, fingerprint: string): Promise<Pin> {
    const pin: Pin = {
      kind,
      endpoint: endpointText(endpoint),
      fingerprint,
      pinnedAt: new Date().toISOString(),
    };
    const others = (this.pins.get(siteId) ?? []).filter(
      (p) => p.kind !== kind || p.endpoint !== pin.endpoint,
    );
    this.pins.set(siteId, [...others, pin]);
    await this.save();
    return pin;
  }

  async forgetSite(siteId: string): Promise<void> {
    if (this.pins.delete(siteId)) await this.save();
  }

  private save(): Promise<void> {
    return this.file.write({ version: 1, pins: Object.fromEntries(this.pins) });
  }
}
