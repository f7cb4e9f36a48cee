import { readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { ProfileRepair } from '../../shared/ipc/channels/app';
import { SECRETS_FILE } from '../secrets/secret-store';
import { isSaveLeftover } from '../sites/json-file';
import { SITES_FILE } from '../sites/site-store';
import { TRUST_FILE } from '../trust/trust-store';

/** What starting without each file costs, said to the technician; every other file is kept. */
const lostWithout: Record<string, string> = {
  [SITES_FILE]:
    'Uplink started without the sites it listed; passwords, pinned keys, snapshots and drafts are kept.',
  [SECRETS_FILE]:
    'Stored passwords are gone: type them again in Edit site. Sites and everything else are kept.',
  [TRUST_FILE]:
    'Keys and certificates will be shown again to be checked and trusted. Sites, passwords and everything else are kept.',
};

/** Snapshots can be tens of MB each and are the drafts service's to read; the demo router's files are its own. */
const notChecked = new Set(['drafts', 'demo-router']);

/**
 * Readies a profile before anything opens it: deletes the temporary files of saves a crash cut
 * short (the saved file itself is whole), and moves aside every settings file that is not JSON any
 * more (a truncated `sites.json`), as `<name>.broken-<time>`, so the app starts on the rest and
 * says what it set aside. Runs before any store opens, so no save is in flight.
 */
export async function repairProfile(profileDir: string, now = new Date()): Promise<ProfileRepair[]> {
  const names = await readdir(profileDir, { recursive: true }).catch(() => [] as string[]);
  const checked = names.filter((name) => !notChecked.has(name.split(/[\\/]/)[0] as string));
  await Promise.all(
    checked
      .filter((name) => isSaveLeftover(basename(name)))
      .map((name) => unlink(join(profileDir, name)).catch(() => undefined)),
  );
  const repairs: ProfileRepair[] = [];
  for (const name of checked.filter((name) => name.endsWith('.json'))) {
    const path = join(profileDir, name);
    const reason = await unreadable(path);
    if (reason === undefined) continue;
    const movedTo = `${path}.broken-${now.toISOString().replace(/[:.]/g, '-')}`;
    await rename(path, movedTo);
    repairs.push({
      file: relative(profileDir, path),
      movedTo: relative(profileDir, movedTo),
      reason,
      kept: lostWithout[name] ?? 'Its settings start afresh; everything else is kept.',
    });
  }
  return repairs;
}

/** Why the file cannot be read as JSON, or undefined when it can (or is gone). */
async function unreadable(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
