// `npm start` (after the build): the desktop app where Electron can start; otherwise one plain line
// saying why, and web mode instead, so the app is always reachable on a technician's machine.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { displayProblem, findElectronBinary } from './electron-binary';

const root = join(__dirname, '..');
const args = process.argv.slice(2);

function run(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

const electron = findElectronBinary();
const reason = 'reason' in electron ? electron.reason : displayProblem();
if ('path' in electron && reason === undefined) {
  run(electron.path, [root, ...args]);
} else {
  console.log(`Electron cannot start here: ${reason}. Starting Uplink in web mode instead.`);
  run(process.execPath, [join(root, 'out/main/web.js'), ...args]);
}
