import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app/app-context';
import { createLogger } from '../../electron/app/logger';
import type { TrustError } from '../../electron/routeros/router-errors';
import { type OsEncryption, SECRETS_FILE, SecretStore } from '../../electron/secrets/secret-store';
import { JsonFile } from '../../electron/sites/json-file';
import { SITES_FILE, SiteStore } from '../../electron/sites/site-store';
import { TrustStore } from '../../electron/trust/trust-store';
import type { AppInfo } from '../../shared/ipc/channels/app';
import { type SiteFields, siteInputSchema } from '../../shared/sites/site';

const profile = () => mkdtempSync(join(tmpdir(), 'uplink-profile-'));

/** A stand-in keychain: reversible, and visibly not the plain text. */
const fakeKeychain: OsEncryption = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('hex')}`),
  decryptString: (sealed) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'hex').toString(),
};

const fields = (overrides: Partial<Record<string, unknown>> = {}): SiteFields =>
  siteInputSchema.parse({
    name: 'Branch office',
    address: '192.0.2.10',
    port: 8728,
    transport: 'api',
    user: 'admin',
    password: 'correct horse',
    ...overrides,
  });

describe('JsonFile', () => {
  it('replaces the file whole, owner-only, leaving no temporary files', async () => {
    const dir = profile();
    const file = new JsonFile<{ n: number }>(join(dir, 'x.json'));
    expect(await file.read()).toBeUndefined();
    await Promise.all([file.write({ n: 1 }), file.write({ n: 2 }), file.write({ n: 3 })]);
    expect(await file.read()).toEqual({ n: 3 });
    expect(await readdir(dir)).toEqual(['x.json']);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'x.json')).mode & 0o777).toBe(0o600);
  });

  it('saves a value from the parts of its JSON, in turn with whole saves', async () => {
    const dir = profile();
    const file = new JsonFile<{ n: number[] }>(join(dir, 'x.json'));
    await Promise.all([file.write({ n: [0] }), file.writeParts(() => ['{"n":[', '1,2', ',3', ']}'])]);
    expect(await file.read()).toEqual({ n: [1, 2, 3] });
    await file.write({ n: [4] });
    expect(await file.read()).toEqual({ n: [4] });
    expect(await readdir(dir)).toEqual(['x.json']);
  });
});

describe('SecretStore', () => {
  it('without a keychain keeps a plain file and says so', async () => {
    const dir = profile();
    const store = await SecretStore.open(dir);
    await store.set('site-1', 'hunter2');
    expect(store.info().encrypted).toBe(false);
    expect(store.info().description).toMatch(/not encrypted by the operating system/);
    expect((await SecretStore.open(dir)).get('site-1')).toBe('hunter2');
    if (process.platform !== 'win32') expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('with a keychain stores only ciphertext, and seals what web mode left in plain', async () => {
    const dir = profile();
    await (await SecretStore.open(dir)).set('from-web', 'plain-one');
    const store = await SecretStore.open(dir, fakeKeychain);
    await store.set('from-desktop', 'sealed-one');
    const onDisk = readFileSync(join(dir, SECRETS_FILE), 'utf8');
    expect(onDisk).not.toContain('plain-one');
    expect(onDisk).not.toContain('sealed-one');
    expect(store.info().encrypted).toBe(true);
    expect(store.get('from-web')).toBe('plain-one');
    expect(store.get('from-desktop')).toBe('sealed-one');
  });

  it('treats a keyring-less Linux backend as no encryption', async () => {
    const store = await SecretStore.open(profile(), {
      ...fakeKeychain,
      getSelectedStorageBackend: () => 'basic_text',
    });
    expect(store.info().encrypted).toBe(false);
  });

  it('says what to do when a sealed password cannot be read here', async () => {
    const dir = profile();
    await (await SecretStore.open(dir, fakeKeychain)).set('site-1', 'sealed');
    const webMode = await SecretStore.open(dir);
    expect(webMode.has('site-1')).toBe(true);
    expect(() => webMode.get('site-1')).toThrow(/Enter the password again/);
  });
});

describe('SiteStore', () => {
  const open = async (dir = profile()) => {
    const secrets = await SecretStore.open(dir);
    const demo = { ...fields({ name: 'Demo router' }), id: 'demo', demo: true };
    const { password: _, ...demoSite } = demo;
    return {
      dir,
      secrets,
      store: await SiteStore.open({ profileDir: dir, secrets, firstStart: () => [demoSite] }),
    };
  };

  it('starts a fresh profile with the demo site, and only a fresh one', async () => {
    const { dir, store } = await open();
    expect(store.firstStart).toBe(true);
    expect(store.list().map((site) => site.name)).toEqual(['Demo router']);
    await store.remove('demo');
    const again = await open(dir);
    expect(again.store.firstStart).toBe(false);
    expect(again.store.list()).toEqual([]);
  });

  it('adds, edits, duplicates and removes; the password stays out of the sites file', async () => {
    const { dir, store, secrets } = await open();
    const changes: string[][] = [];
    store.onChange((sites) => changes.push(sites.map((site) => site.name)));
    const site = await store.create(fields());
    expect(site).toMatchObject({ name: 'Branch office', hasPassword: true, demo: false });
    expect(site).not.toHaveProperty('password');

    const edited = await store.update(site.id, fields({ name: 'Branch', password: undefined }));
    expect(edited.name).toBe('Branch');
    expect(secrets.get(site.id)).toBe('correct horse');

    const copy = await store.duplicate(site.id);
    expect(copy.name).toBe('Branch (copy)');
    expect((await store.duplicate(copy.id)).name).toBe('Branch (copy 2)');
    expect(store.password(copy.id)).toBe('correct horse');

    await store.update(site.id, fields({ name: 'Branch', password: '' }));
    expect(store.view(store.require(site.id)).hasPassword).toBe(false);

    await store.remove(copy.id);
    expect(secrets.has(copy.id)).toBe(false);
    expect(readFileSync(join(dir, SITES_FILE), 'utf8')).not.toContain('correct horse');
    expect(changes.at(-1)).toEqual(['Demo router', 'Branch', 'Branch (copy 2)']);
    expect(() => store.require('nope')).toThrow(/no longer exists/);
  });

  it('forgets the password of a site pointed at another address, port or transport, unless it is typed again', async () => {
    const { store, secrets } = await open();
    const site = await store.create(fields());
    await store.update(site.id, fields({ name: 'Renamed', password: undefined }));
    expect(secrets.get(site.id)).toBe('correct horse');
    for (const change of [{ address: '192.0.2.99' }, { port: 18728 }, { transport: 'ssh', port: 22 }]) {
      await store.update(site.id, fields({ password: 'correct horse' }));
      const moved = await store.update(site.id, fields({ ...change, password: undefined }));
      expect(moved.hasPassword).toBe(false);
      expect(store.password(site.id)).toBe('');
    }
    const retyped = await store.update(site.id, fields({ address: '192.0.2.7', password: 'battery staple' }));
    expect(retyped.hasPassword).toBe(true);
    expect(secrets.get(site.id)).toBe('battery staple');
  });

  it('keeps a grant’s expiry only for Transient Access', async () => {
    const { store } = await open();
    const expiresAt = '2030-01-01T10:00:00+02:00';
    const grant = await store.create(
      fields({ reach: 'transient', transport: 'ssh', port: 40022, expiresAt, readOnly: true }),
    );
    expect(grant).toMatchObject({
      reach: 'transient',
      expiresAt: '2030-01-01T08:00:00.000Z',
      readOnly: true,
    });
    const direct = await store.update(grant.id, fields({ reach: 'direct', expiresAt }));
    expect(direct.expiresAt).toBeUndefined();
  });
});

describe('TrustStore', () => {
  const endpoint = { host: '192.0.2.1', port: 22 };

  const refusal = (trust: TrustStore, at: typeof endpoint, fingerprint: string) => {
    try {
      trust.verify('ssh-host-key', at, fingerprint);
    } catch (error) {
      return error as TrustError;
    }
    return undefined;
  };

  it('asks about a first fingerprint, pins it once trusted, and refuses a changed one with both', async () => {
    const dir = profile();
    const trust = await TrustStore.open(dir);
    const first = refusal(trust, endpoint, 'SHA256:first');
    expect(first).toMatchObject({
      code: 'trust',
      prompt: { kind: 'ssh-host-key', fingerprint: 'SHA256:first' },
    });
    expect(first?.prompt.previous).toBeUndefined();
    expect(first?.message).toMatch(/First connection/);
    await trust.pin('ssh-host-key', endpoint, 'SHA256:first');
    expect(refusal(trust, endpoint, 'SHA256:first')).toBeUndefined();

    const reopened = await TrustStore.open(dir);
    expect(refusal(reopened, endpoint, 'SHA256:first')).toBeUndefined();
    const changed = refusal(reopened, endpoint, 'SHA256:second');
    expect(changed).toMatchObject({
      code: 'trust',
      prompt: { kind: 'ssh-host-key', fingerprint: 'SHA256:second', previous: 'SHA256:first' },
    });
    expect(changed?.message).toMatch(/has changed/);
    // Another port on the same host, or another kind of key, starts afresh.
    expect(refusal(reopened, { ...endpoint, port: 2222 }, 'SHA256:first')?.prompt.previous).toBeUndefined();
    expect(reopened.pinned('tls-certificate', endpoint)).toBeUndefined();
    await reopened.pin('ssh-host-key', endpoint, 'SHA256:second');
    expect(refusal(reopened, endpoint, 'SHA256:second')).toBeUndefined();
    await reopened.forget(endpoint);
    expect(reopened.pinned('ssh-host-key', endpoint)).toBeUndefined();
  });

  it('moves the pins of the per-site file onto their endpoints, the newest winning', async () => {
    const dir = profile();
    const pin = (at: string, fingerprint: string, pinnedAt: string) => ({
      kind: 'ssh-host-key',
      endpoint: at,
      fingerprint,
      pinnedAt,
    });
    await new JsonFile(join(dir, 'trust.json')).write({
      version: 1,
      pins: {
        'site-a': [pin('192.0.2.1:22', 'SHA256:old', '2026-01-01T00:00:00.000Z')],
        'site-b': [
          pin('192.0.2.1:22', 'SHA256:new', '2026-02-01T00:00:00.000Z'),
          pin('192.0.2.1:2222', 'SHA256:other-port', '2026-01-15T00:00:00.000Z'),
        ],
      },
    });
    const trust = await TrustStore.open(dir);
    expect(trust.pinned('ssh-host-key', endpoint)?.fingerprint).toBe('SHA256:new');
    expect(trust.pinned('ssh-host-key', { ...endpoint, port: 2222 })?.fingerprint).toBe('SHA256:other-port');
    // Written back in the new shape at once.
    expect(JSON.parse(readFileSync(join(dir, 'trust.json'), 'utf8'))).toMatchObject({
      version: 2,
      pins: expect.arrayContaining([expect.objectContaining({ fingerprint: 'SHA256:new' })]),
    });
    expect((await TrustStore.open(dir)).pinned('ssh-host-key', endpoint)?.fingerprint).toBe('SHA256:new');
  });
});

describe('a profile damaged by a crash', () => {
  it('loses its leftover temporary files and sets aside what cannot be read, and the app starts', async () => {
    const dir = profile();
    const secrets = await SecretStore.open(dir);
    await secrets.set('site-1', 'hunter2');
    const sites = await SiteStore.open({ profileDir: dir, secrets });
    await sites.create(fields());
    const whole = readFileSync(join(dir, SITES_FILE), 'utf8');
    writeFileSync(join(dir, SITES_FILE), whole.slice(0, whole.length / 2));
    mkdirSync(join(dir, 'apply'));
    const leftovers = [
      `${SECRETS_FILE}.0123456789ab.tmp`,
      `${SITES_FILE}.ba9876543210.tmp`,
      join('apply', 'settings.json.00112233aabb.tmp'),
    ];
    for (const leftover of leftovers) writeFileSync(join(dir, leftover), '{"secrets":{"x":"hunter2"}');
    writeFileSync(join(dir, 'notes.tmp'), 'not a save of Uplink’s');

    const context = await createAppContext({
      mode: 'web',
      profileDir: dir,
      logger: createLogger(() => undefined),
      neighbors: false,
    });
    try {
      const info = await context.dispatch('app.info', undefined, { clientId: 'test' });
      expect(info.ok).toBe(true);
      const { profileRepairs } = (info as { value: AppInfo }).value;
      expect(profileRepairs).toEqual([
        {
          file: SITES_FILE,
          movedTo: expect.stringMatching(/^sites\.json\.broken-\d{4}-\d\d-\d\dT[\d-]+Z$/),
          reason: expect.stringMatching(/JSON/),
          kept: expect.stringMatching(/without the sites it listed; passwords.*are kept/),
        },
      ]);
      // Set aside whole, for the technician (or support) to look at.
      expect(readFileSync(join(dir, profileRepairs[0]?.movedTo as string), 'utf8')).toBe(
        whole.slice(0, whole.length / 2),
      );
      const listed = await context.dispatch('sites.list', undefined, { clientId: 'test' });
      expect(listed.ok).toBe(true);
      const names = await readdir(dir, { recursive: true });
      for (const leftover of leftovers) expect(names).not.toContain(leftover);
      expect(names).toContain('notes.tmp');
      // What was kept is kept: the password store was whole.
      expect((await SecretStore.open(dir)).get('site-1')).toBe('hunter2');
    } finally {
      await context.dispose();
    }
  });
});
