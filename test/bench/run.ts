// `npm run bench`: runs every `*.bench.ts` beside this file (or those named on the command line)
// one after another, so figures are not skewed by benchmarks competing for the two cores.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const here = __dirname;
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

async function main(): Promise<void> {
  for (const file of files) {
    console.log(`\n## ${basename(file, '.bench.ts')}`);
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<void> };
    await mod.default();
  }
}

/**
 * Once the last benchmark is done nothing should be left open; if something is (a socket or a child
 * a benchmark did not close), the run names it and ends instead of hanging after its figures.
 */
function exitWhenDone(): void {
  setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
    console.error(`\nbench: still open after the last benchmark, ended anyway: ${open.join(', ')}`);
    process.exit(0);
  }, 5000).unref();
}

main().then(exitWhenDone, (error: unknown) => {
  console.error(error);
  process.exit(1);
});
