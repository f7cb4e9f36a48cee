import { join } from 'node:path';
import type { TrustPrompt } from '../../shared/sessions/session-state';
import { type Endpoint, endpointText, TrustError } from '../routeros/router-errors';
import { JsonFile } from '../sites/json-file';

export type TrustKind = TrustPrompt['kind'];

export interface Pin {
  kind: TrustKind;
  /** Where the key was seen, `host:port`: what a key belongs to is the router there, not a site. */
  endpoint: string;
  fingerprint: string;
  /** ISO time it was pinned. */
  pinnedAt: string;
}

/**
 * Version 1 pinned per site, so a second site on the same router asked again; version 2 pins per
 * endpoint, as SSH's known_hosts does.
 */
type TrustFile = { version: 1; pins: Record<string, Pin[]> } | { version: 2; pins: Pin[] };

export const TRUST_FILE = 'trust.json';

export const kindWords: Record<TrustKind, string> = {
  'ssh-host-key': 'SSH host key',
  'tls-certificate': 'API-SSL certificate',
};

const pinKey = (kind: TrustKind, endpoint: string) => `${kind} ${endpoint}`;

/**
 * Trust on first use, for SSH host keys and API-SSL certificates: the first fingerprint an endpoint
 * presents is pinned once the technician trusts it, for every site that reaches the router there;
 * a different one later is refused, with both fingerprints, until the technician trusts the new one.
 */
export class TrustStore {
  private constructor(
    private readonly file: JsonFile<TrustFile>,
    /** By kind and endpoint (`pinKey`). */
    private readonly pins: Map<string, Pin>,
  ) {}

  static async open(profileDir: string): Promise<TrustStore> {
    const file = new JsonFile<TrustFile>(join(profileDir, TRUST_FILE));
    const stored = await file.read();
    const list = stored?.version === 1 ? Object.values(stored.pins).flat() : (stored?.pins ?? []);
    const pins = new Map<string, Pin>();
    // Migrating, two sites may have pinned the same endpoint: the newer pin is what was trusted last.
    for (const pin of [...list].sort((a, b) => a.pinnedAt.localeCompare(b.pinnedAt))) {
      pins.set(pinKey(pin.kind, pin.endpoint), pin);
    }
    const store = new TrustStore(file, pins);
    if (stored?.version === 1) await store.save();
    return store;
  }

  pinned(kind: TrustKind, endpoint: Endpoint): Pin | undefined {
    return this.pins.get(pinKey(kind, endpointText(endpoint)));
  }

  /**
   * Checks a presented fingerprint: passes when it matches the pin; otherwise throws a TrustError
   * that the technician answers. A first one is shown to be checked before it is pinned (a grant's
   * public endpoint is exactly where someone could sit in the middle); a changed one comes with both.
   */
  verify(kind: TrustKind, endpoint: Endpoint, fingerprint: string): void {
    const pin = this.pinned(kind, endpoint);
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

  /** Pins `fingerprint`, replacing what was pinned for this kind and endpoint. */
  async pin(kind: TrustKind, endpoint: Endpoint, fingerprint: string): Promise<Pin> {
    const pin: Pin = {
      kind,
      endpoint: endpointText(endpoint),
      fingerprint,
      pinnedAt: new Date().toISOString(),
    };
    this.pins.set(pinKey(kind, pin.endpoint), pin);
    await this.save();
    return pin;
  }

  /** Forgets every key pinned for the endpoint (the last site reaching it was removed). */
  async forget(endpoint: Endpoint): Promise<void> {
    const where = endpointText(endpoint);
    const gone = [...this.pins].filter(([, pin]) => pin.endpoint === where);
    for (const [key] of gone) this.pins.delete(key);
    if (gone.length > 0) await this.save();
  }

  private save(): Promise<void> {
    return this.file.write({ version: 2, pins: [...this.pins.values()] });
  }
}
