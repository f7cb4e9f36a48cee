/**
 * A change to the router, independent of how it is carried: the session runs it over the API,
 * the plan preview and `.rsc` export show it as RouterOS CLI, and the rollback scheduler entry runs
 * it as a script on the router itself. One model, so what is shown is exactly what runs.
 */

/** Which item a command touches: by its `.id`, or by property values (`[find where ...]`). */
export type Selector = { id: string } | { where: Record<string, string> };

export type RouterCommand =
  | { op: 'add'; menu: string; attrs: Record<string, string> }
  | { op: 'set'; menu: string; select: Selector; attrs: Record<string, string> }
  | { op: 'remove'; menu: string; select: Selector }
  /** Back to RouterOS's default: a property cleared to nothing cannot be `set` empty. */
  | { op: 'unset'; menu: string; select: Selector; names: string[] };

export type AddCommand = Extract<RouterCommand, { op: 'add' }>;

/** `/ip/route` (API) → `/ip route` (CLI). */
export function cliMenu(menu: string): string {
  return `/${menu.split('/').filter(Boolean).join(' ')}`;
}

/** Values RouterOS reads without quotes: addresses, prefixes, `gw%iface`, ids, numbers, names. */
const bare = /^[A-Za-z0-9._:/%*+-]+$/;

/**
 * Text as RouterOS script reads it inside quotes or after `#`. Backslash, quote, `$` (variable
 * substitution) and `?` (which the console takes as a call for help) are escaped; so are control
 * characters, as `\n` and the like or as RouterOS's two capital hex digits (`\1B`), so a value
 * crosses a terminal unchanged and nothing a router or a user wrote can end the line it is on.
 */
function escapeScriptText(value: string): string {
  let escaped = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (NAMED_ESCAPES[char]) escaped += NAMED_ESCAPES[char];
    else if (char === '\\' || char === '"' || char === '$' || char === '?') escaped += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) escaped += `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else escaped += char;
  }
  return escaped;
}

/** A RouterOS script string literal. */
export function quote(value: string): string {
  return `"${escapeScriptText(value)}"`;
}

/** A `#` comment line of a script; text from a router (its identity) cannot start a new line. */
export function scriptComment(text: string): string {
  return `# ${escapeScriptText(text)}`;
}

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function cliValue(value: string): string {
  return bare.test(value) ? value : quote(value);
}

function cliAttrs(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([name, value]) => `${name}=${cliValue(value)}`)
    .join(' ');
}

function cliSelector(select: Selector): string {
  if ('id' in select) return select.id;
  const conditions = Object.entries(select.where).map(([name, value]) => `${name}=${quote(value)}`);
  return `[find where ${conditions.join(' and ')}]`;
}

/** One command as a line of RouterOS CLI, e.g. `/ip route set [find where comment="uplink:wan1"] distance=2`. */
export function toCli(command: RouterCommand): string {
  const menu = cliMenu(command.menu);
  switch (command.op) {
    case 'add':
      return `${menu} add ${cliAttrs(command.attrs)}`;
    case 'set':
      return `${menu} set ${cliSelector(command.select)} ${cliAttrs(command.attrs)}`;
    case 'remove':
      return `${menu} remove ${cliSelector(command.select)}`;
    case 'unset':
      return `${menu} unset ${cliSelector(command.select)} value-name=${command.names.join(',')}`;
  }
}

/** A script of commands, one per line, as a `.rsc` file or a scheduler's `on-event` holds it. */
export function toScript(commands: RouterCommand[]): string {
  return commands.map(toCli).join('\n');
}
