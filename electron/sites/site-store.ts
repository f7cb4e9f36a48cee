import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { UplinkError } from '../../shared/ipc/errors';
import type { Site, SiteFields } from '../../shared/sites/site';
import type { SecretStore } from '../secrets/secret-store';
import { JsonFile } from './json-file';

/** A site as kept on disk: everything but the password, which is in the secret store. */
export type StoredSite = Omit<Site, 'hasPassword'>;

interface SitesFile {
  version: 1;
  sites: StoredSite[];
}

export const SITES_FILE = 'sites.json';

export interface SiteStoreOptions {
  profileDir: string;
  secrets: SecretStore;
  /** Sites a fresh profile starts with (the demo site). Only on the very first start. */
  firstStart?: () => StoredSite[];
}

/**
 * The technician's sites, in the profile as `sites.json`, saved whole and atomically after every
 * change. Passwords go to the secret store under the site's id; here a site only says whether it
 * has one.
 */
export class SiteStore {
  private readonly listeners = new Set<(sites: Site[]) => void>();

  private constructor(
    private readonly file: JsonFile<SitesFile>,
    private readonly sites: StoredSite[],
    private readonly secrets: SecretStore,
    /** The profile had no sites file yet: this is Uplink's first start on it. */
    readonly firstStart: boolean,
  ) {}

  static async open(options: SiteStoreOptions): Promise<SiteStore> {
    const file = new JsonFile<SitesFile>(join(options.profileDir, SITES_FILE));
    const stored = await file.read();
    const store = new SiteStore(
      file,
      stored?.sites ?? options.firstStart?.() ?? [],
      options.secrets,
      !stored,
    );
    // Written at once on a first start, so a demo site the technician removes stays removed.
    if (!stored) await store.save();
    return store;
  }

  list(): Site[] {
    return this.sites.map((site) => this.view(site));
  }

  get(siteId: string): StoredSite | undefined {
    return this.sites.find((site) => site.id === siteId);
  }

  /** The stored site, or a `not-found` error worded for the UI. */
  require(siteId: string): StoredSite {
    const site = this.get(siteId);
    if (!site) throw new UplinkError({ code: 'not-found', message: 'This site no longer exists.' });
    return site;
  }

  view(site: StoredSite): Site {
    return { ...site, hasPassword: this.secrets.has(site.id) };
  }

  /** The site's password: empty when none is stored (RouterOS's own default for admin). */
  password(siteId: string): string {
    return this.secrets.get(siteId) ?? '';
  }

  async create(fields: SiteFields): Promise<Site> {
    const site: StoredSite = { id: randomUUID(), ...siteRecord(fields), demo: false };
    this.sites.push(site);
    await this.storePassword(site.id, fields.password);
    return this.changed(site);
  }

  async update(siteId: string, fields: SiteFields): Promise<Site> {
    const before = this.require(siteId);
    const index = this.sites.indexOf(before);
    const site: StoredSite = { id: before.id, demo: before.demo, ...siteRecord(fields) };
    this.sites[index] = site;
    // A password belongs to the router it was typed for: a site pointed elsewhere (or spoken to in
    // another, maybe unencrypted, way) sends it only if the technician types it again.
    const repointed =
      site.address !== before.address || site.port !== before.port || site.transport !== before.transport;
    await this.storePassword(siteId, fields.password ?? (repointed ? '' : undefined));
    return this.changed(site);
  }

  async duplicate(siteId: string): Promise<Site> {
    const original = this.require(siteId);
    const site: StoredSite = { ...original, id: randomUUID(), name: this.copyName(original.name) };
    this.sites.splice(this.sites.indexOf(original) + 1, 0, site);
    const password = this.secrets.get(siteId);
    if (password !== undefined) await this.secrets.set(site.id, password);
    return this.changed(site);
  }

  async remove(siteId: string): Promise<void> {
    this.sites.splice(this.sites.indexOf(this.require(siteId)), 1);
    await this.secrets.delete(siteId);
    await this.save();
    this.emit();
  }

  onChange(listener: (sites: Site[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Omitted: kept as it was. Empty: none (log in with an empty password). */
  private async storePassword(siteId: string, password: string | undefined): Promise<void> {
    if (password === undefined) return;
    if (password === '') await this.secrets.delete(siteId);
    else await this.secrets.set(siteId, password);
  }

  private copyName(name: string): string {
    const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
    const taken = new Set(this.sites.map((site) => site.name));
    for (let n = 1; ; n++) {
      const suffix = ` (copy${n === 1 ? '' : ` ${n}`})`;
      const candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  private async changed(site: StoredSite): Promise<Site> {
    await this.save();
    this.emit();
    return this.view(site);
  }

  private emit(): void {
    const sites = this.list();
    for (const listener of this.listeners) listener(sites);
  }

  private save(): Promise<void> {
    return this.file.write({ version: 1, sites: this.sites });
  }
}

/** What the dialog's fields make of a site; grant-only fields are dropped for a direct site. */
function siteRecord(fields: SiteFields): Omit<StoredSite, 'id' | 'demo'> {
  const transient = fields.reach === 'transient';
  return {
    name: fields.name,
    address: fields.address,
    port: fields.port,
    transport: fields.transport,
    user: fields.user,
    reach: fields.reach,
    ...(transient &&
      fields.expiresAt !== undefined && { expiresAt: new Date(fields.expiresAt).toISOString() }),
    readOnly: fields.readOnly,
  };
}
