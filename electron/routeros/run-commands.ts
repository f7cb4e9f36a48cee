import type { RouterCommand } from '../../shared/routeros/command';
import type { RouterClient } from './router-client';

/** The `.id`s a command's selector picks on the router now: `[find where ...]` done over the API. */
async function selectedIds(client: RouterClient, command: Exclude<RouterCommand, { op: 'add' }>) {
  if ('id' in command.select) return [command.select.id];
  const query = Object.entries(command.select.where).map(([name, value]) => `${name}=${value}`);
  const rows = await client.print(command.menu, { query, proplist: ['.id'] });
  return rows.flatMap((row) => row['.id'] ?? []);
}

/**
 * Runs one command of the shared model over the API, as its CLI line would on the router: a
 * `[find where ...]` that matches nothing changes nothing, like `set [find ...]` in a script.
 */
async function runCommand(client: RouterClient, command: RouterCommand): Promise<void> {
  if (command.op === 'add') {
    await client.run(`${command.menu}/add`, command.attrs);
    return;
  }
  for (const id of await selectedIds(client, command)) {
    await client.run(`${command.menu}/${command.op}`, {
      '.id': id,
      ...(command.op === 'set' && command.attrs),
    });
  }
}

/** Commands of the shared model, one after the other over the API, stopping at the first refused. */
export async function runCommandsOverApi(
  client: RouterClient,
  commands: readonly RouterCommand[],
): Promise<void> {
  for (const command of commands) await runCommand(client, command);
}
