import type { AddCommand, RouterCommand } from '../../shared/routeros/command';
import type { RouterClient } from './router-client';

type Change = Exclude<RouterCommand, AddCommand>;

/** The `.id`s a command's selector picks on the router now: `[find where ...]` done over the API. */
async function selectedIds(client: RouterClient, command: Change) {
  if ('id' in command.select) return [command.select.id];
  const query = Object.entries(command.select.where).map(([name, value]) => `${name}=${value}`);
  const rows = await client.print(command.menu, { query, proplist: ['.id'] });
  return rows.flatMap((row) => row['.id'] ?? []);
}

const change = (client: RouterClient, command: Change, id: string) =>
  command.op === 'unset'
    ? client.run(`${command.menu}/unset`, { numbers: id, 'value-name': command.names.join(',') })
    : client.run(`${command.menu}/${command.op}`, {
        '.id': id,
        ...(command.op === 'set' && command.attrs),
      });

/**
 * Runs of commands that can go to the router together: adds with adds; sets and removes with each
 * other as long as none sets a property that one of them selects by, so every `[find]` of the run
 * picks what it would have picked one command after the other.
 */
function runsOf(commands: readonly RouterCommand[]): RouterCommand[][] {
  const runs: RouterCommand[][] = [];
  let selectedBy = new Set<string>();
  let setting = new Set<string>();
  for (const command of commands) {
    const run = runs.at(-1);
    const keys =
      command.op === 'add' ? [] : 'where' in command.select ? Object.keys(command.select.where) : [];
    const sets =
      command.op === 'set' ? Object.keys(command.attrs) : command.op === 'unset' ? command.names : [];
    const joins =
      run !== undefined &&
      (run[0]!.op === 'add') === (command.op === 'add') &&
      !keys.some((key) => setting.has(key)) &&
      !sets.some((key) => selectedBy.has(key));
    if (!joins) {
      runs.push([command]);
      selectedBy = new Set(keys);
      setting = new Set(sets);
    } else {
      run.push(command);
      for (const key of keys) selectedBy.add(key);
      for (const key of sets) setting.add(key);
    }
  }
  return runs;
}

/**
 * A run's changes: every `[find]` at once, then every change at once, since a relay's round trip
 * costs more than anything the router does. When two selectors pick the same item, the run goes
 * one command after the other instead: then order decides.
 */
async function runChanges(client: RouterClient, run: Change[]): Promise<void> {
  const picked = await Promise.all(run.map((command) => selectedIds(client, command)));
  const ids = picked.flat();
  if (new Set(ids).size !== ids.length) {
    for (const command of run) {
      for (const id of await selectedIds(client, command)) await change(client, command, id);
    }
    return;
  }
  await firstRefusal(
    run.flatMap((command, index) => picked[index]!.map((id) => change(client, command, id))),
  );
}

/** Waits for every call, then throws the first one's refusal in the plan's order, if any. */
async function firstRefusal(calls: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(calls);
  const refused = settled.find((result) => result.status === 'rejected');
  if (refused) throw refused.reason;
}

/**
 * Commands of the shared model over the API, as their CLI lines would run on the router: a
 * `[find where ...]` that matches nothing changes nothing, like `set [find ...]` in a script.
 * Independent commands go together (see runsOf); a refusal stops every run after its own, and is
 * thrown once the calls already sent have answered. A confirmed apply undoes the whole plan on
 * any refusal, so a command sent beside the refused one is undone with the rest.
 */
export async function runCommandsOverApi(
  client: RouterClient,
  commands: readonly RouterCommand[],
): Promise<void> {
  for (const run of runsOf(commands)) {
    if (run[0]!.op === 'add') {
      await firstRefusal(
        (run as AddCommand[]).map((command) => client.run(`${command.menu}/add`, command.attrs)),
      );
    } else {
      await runChanges(client, run as Change[]);
    }
  }
}
