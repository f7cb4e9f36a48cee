// The router's command tree: menus (`/ip/route`) and their commands (`print`, `set`), looked up the
// way RouterOS looks up an API command word. The API front end, scripts and the SSH CLI all run
// commands through execute(), so a command behaves the same whichever door it came through; the CLI
// also walks the tree to resolve `/ip route set` and abbreviations like `ip ro pr`.
import {
  type ApiCommand,
  type Attrs,
  type CommandContext,
  type CommandResult,
  type CommandTarget,
  RouterTrap,
  type StreamSink,
} from '../command';

export interface CommandSpec {
  run(command: ApiCommand, context: CommandContext): CommandResult;
  /** CLI: the arguments given without a name, in order (`set 0 distance=2` → `numbers`). */
  readonly unnamed?: readonly string[];
  /** CLI: the arguments that take no value (`print detail`, `monitor-traffic ether1 once`). */
  readonly flags?: readonly string[];
}

export interface MenuSpec {
  /** `/ip/route`; the root menu (`/ping`, `/execute`) is the empty string. */
  readonly path: string;
  readonly commands: Readonly<Record<string, CommandSpec>>;
}

/** A trap that names the parameter it is about, so the CLI can point at it in the command line. */
export class UnknownParameter extends RouterTrap {
  constructor(readonly parameter: string) {
    super('unknown parameter', 1);
  }
}

export function noSuchItem(): RouterTrap {
  return new RouterTrap('no such item', 0);
}

/** Traps a parameter the command does not take, as RouterOS does before running anything. */
export function allowOnly(attrs: Attrs, names: readonly string[]): void {
  for (const name in attrs) {
    if (!names.includes(name)) throw new UnknownParameter(name);
  }
}

/** The items a command names: `=.id=*1` or `=numbers=*1,*2` (ids or, where items have one, names). */
export function itemRefs(attrs: Attrs): string[] {
  const refs = attrs['.id'] ?? attrs.numbers;
  if (refs === undefined) throw noSuchItem();
  return refs
    .split(',')
    .map((ref) => ref.trim())
    .filter((ref) => ref !== '');
}

export function selectItems<T>(attrs: Attrs, find: (ref: string) => T | undefined): T[] {
  return itemRefs(attrs).map((ref) => {
    const item = find(ref);
    if (item === undefined) throw noSuchItem();
    return item;
  });
}

const unknownCommand = (word: string) =>
  new RouterTrap('no such command prefix', undefined, [
    new RouterTrap(`no such command or directory (${word})`, 0),
  ]);

export class CommandRegistry implements CommandTarget {
  private readonly menus = new Map<string, MenuSpec>([['', { path: '', commands: {} }]]);

  add(menu: MenuSpec): void {
    const existing = this.menus.get(menu.path);
    this.menus.set(menu.path, { path: menu.path, commands: { ...existing?.commands, ...menu.commands } });
    // `/ip` has no commands of its own here, but `/ip route` walks through it.
    const parts = menu.path.split('/');
    for (let end = 2; end < parts.length; end += 1) {
      const parent = parts.slice(0, end).join('/');
      if (!this.menus.has(parent)) this.menus.set(parent, { path: parent, commands: {} });
    }
  }

  execute(command: ApiCommand, context: CommandContext): CommandResult {
    const at = command.path.lastIndexOf('/');
    const menuPath = command.path.slice(0, Math.max(at, 0));
    const name = command.path.slice(at + 1);
    const menu = this.menus.get(menuPath);
    if (!menu) throw unknownCommand(this.firstUnknownWord(menuPath));
    const spec = menu.commands[name];
    if (!spec) throw unknownCommand(name);
    const result = spec.run(command, context);
    return result.type === 'stream' ? this.tracked(command.path, result.start) : result;
  }

  /** The command of every stream running now, e.g. `/ping`: what a client left running on the router. */
  runningStreams(): string[] {
    return [...this.streams.values()];
  }

  /** Stops every stream still running (pings, monitors, listens): the router is going away. */
  stopStreams(): void {
    for (const stop of [...this.streams.keys()]) stop();
  }

  private readonly streams = new Map<() => void, string>();

  private tracked(path: string, start: (sink: StreamSink) => () => void): CommandResult {
    return {
      type: 'stream',
      start: (sink) => {
        let stopInner: (() => void) | undefined;
        const stop = () => {
          this.streams.delete(stop);
          stopInner?.();
        };
        this.streams.set(stop, path);
        stopInner = start({
          row: (attrs) => sink.row(attrs),
          end: (trap) => {
            this.streams.delete(stop);
            sink.end(trap);
          },
        });
        return stop;
      },
    };
  }

  menu(path: string): MenuSpec | undefined {
    return this.menus.get(path);
  }

  command(menuPath: string, name: string): CommandSpec | undefined {
    return this.menus.get(menuPath)?.commands[name];
  }

  /** The submenu names directly under a menu, for the CLI to walk and abbreviate. */
  submenus(path: string): string[] {
    const prefix = `${path}/`;
    return [...this.menus.keys()]
      .filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
      .map((key) => key.slice(prefix.length));
  }

  private firstUnknownWord(path: string): string {
    const parts = path.split('/');
    for (let end = 2; end <= parts.length; end += 1) {
      if (!this.menus.has(parts.slice(0, end).join('/'))) return parts[end - 1] ?? '';
    }
    return parts.at(-1) ?? '';
  }
}
