// `npm run web -- --port N [--profile DIR]`: Uplink in web mode, for a browser on this machine.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppContext } from '../app/app-context';
import { defaultProfileDir } from '../app/profile-dir';
import { startWebServer } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      profile: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number from 0 to 65535 (0 = any free port), not "${values.port}"`);
  }
  const context = await createAppContext({
    mode: 'web',
    profileDir: values.profile ?? defaultProfileDir(),
    openDemoOnFirstStart: true,
  });
  const server = await startWebServer({ context, rendererDir: join(__dirname, '../renderer'), port });
  console.log(`Uplink UI: ${server.url}`);

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    context.events.emit('app.closing', { reason });
    await server.close();
    await context.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Uplink was stopped.'));
  process.on('SIGTERM', () => void stop('Uplink was stopped.'));
}

main().catch((error: unknown) => {
  console.error(`Uplink could not start web mode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
