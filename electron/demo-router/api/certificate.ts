// API-SSL's certificate: self-signed, as RouterOS ships, made on first start and kept in the data
// dir so its fingerprint stays the same across restarts (clients pin it, as Uplink does).
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsIdentity {
  key: string;
  cert: string;
}

const FILE_NAME = 'api-ssl.pem';
const VALID_YEARS = 10;

/** The data dir's key and certificate, made now if there are none yet. */
export async function loadOrCreateCertificate(dataDir: string): Promise<TlsIdentity> {
  const path = join(dataDir, FILE_NAME);
  const existing = await readPem(path);
  if (existing) return existing;

  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  // EC keys are made in milliseconds; a 2048-bit RSA key would slow every first start.
  const made = await generate([{ name: 'commonName', value: 'uplink-demo-router' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
  });

  // Key and certificate live in one file (a PEM bundle serves as both), written under a temporary
  // name and linked into place: two demo routers starting on one data dir agree on one identity.
  await mkdir(dataDir, { recursive: true });
  const temporary = join(dataDir, `${FILE_NAME}.${randomUUID()}.tmp`);
  await writeFile(temporary, made.private + made.cert, { mode: 0o600 });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  const kept = await readPem(path);
  if (!kept) throw new Error(`${path} vanished while the demo router was starting`);
  return kept;
}

async function readPem(path: string): Promise<TlsIdentity | undefined> {
  try {
    const pem = await readFile(path, 'utf8');
    return { key: pem, cert: pem };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
