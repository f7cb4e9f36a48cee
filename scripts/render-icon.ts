// Renders build/icon.svg to the 512×512 build/icon.png electron-builder makes every platform's
// icon from. Run after changing the SVG: `npx tsx scripts/render-icon.ts`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

async function main(): Promise<void> {
  const svg = readFileSync(join(__dirname, '../build/icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.UPLINK_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg}`);
  await page.locator('svg').screenshot({ path: join(__dirname, '../build/icon.png'), omitBackground: true });
  await browser.close();
}

void main();
