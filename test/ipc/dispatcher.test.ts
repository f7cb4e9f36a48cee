import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/app/app-context';
import { createLogger } from '../../electron/app/logger';

const call = { clientId: 'test' };

async function context() {
  const lines: string[] = [];
  const app = await createAppContext({
    mode: 'web',
    profileDir: mkdtempSync(join(tmpdir(), 'uplink-dispatch-')),
    logger: createLogger((line) => lines.push(line)),
  });
  return { app, lines };
}

describe('the dispatcher', () => {
  it('answers a malformed request with a typed error and keeps serving', async () => {
    const { app } = await context();
    const bad = await app.dispatch('app.info', { unexpected: true }, call);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid-request');
      expect(bad.error.message).toMatch(/^Invalid app\.info request/);
      expect(bad.error.fields).toBeDefined();
    }
    const good = await app.dispatch('app.info', undefined, call);
    expect(good).toMatchObject({ ok: true, value: { name: 'Uplink', mode: 'web' } });
  });

  it('answers an unknown channel, and names that are not strings, with unknown-channel', async () => {
    const { app } = await context();
    for (const channel of ['no.such.channel', 42, null, '__proto__', 'toString']) {
      const result = await app.dispatch(channel, undefined, call);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });
});
