// The SSH host key: made once, kept, so clients that pinned it on first use still trust the router
// after a restart.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { utils } from 'ssh2';

export function loadOrCreateHostKey(path: string): Buffer {
  if (existsSync(path)) return readFileSync(path);
  mkdirSync(dirname(path), { recursive: true });
  const { private: privateKey } = utils.generateKeyPairSync('ed25519');
  writeFileSync(path, privateKey, { mode: 0o600 });
  chmodSync(path, 0o600);
  return Buffer.from(privateKey);
}
