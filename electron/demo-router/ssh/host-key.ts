// The SSH host key: made once, kept, so clients that pinned it on first use still trust the router
// after a restart.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { utils } from 'ssh2';

/**
 * A new ed25519 host key in OpenSSH form. ssh2 1.17's generator strips a public key's leading zero
 * bytes, so about one key in 256 is one ssh2 itself cannot load (mscdex/ssh2#1390, #1513, open);
 * such a key is thrown away and another made.
 */
export function newHostKey(): Buffer {
  for (;;) {
    const { private: privateKey } = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(privateKey) instanceof Error)) return Buffer.from(privateKey);
  }
}

/** The key kept at `path`; made there when there is none, or when the one kept cannot be loaded. */
export function loadOrCreateHostKey(path: string): Buffer {
  if (existsSync(path)) {
    const kept = readFileSync(path);
    if (!(utils.parseKey(kept) instanceof Error)) return kept;
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = newHostKey();
  writeFileSync(path, key, { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}
