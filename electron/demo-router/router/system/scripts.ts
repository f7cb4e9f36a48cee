// `/system/script`: stored scripts, run by name from the API, the CLI or a scheduler entry.
import { type Attrs, type CommandResult, RouterTrap } from '../../command';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import { missingValue } from '../net/addresses';
import { allowOnly, itemRefs, type MenuSpec, noSuchItem, selectItems } from '../registry';
import { formatDateTime } from '../values';

/** Runs RouterOS script source as a user; resolves with what it `:put`, rejects with its error. */
export interface ScriptRunner {
  run(source: string, user: string): Promise<string>;
}

/** The policies a script gets unless told otherwise, as on a fresh RouterOS 7. */
export const DEFAULT_POLICY = 'ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon';

export interface Script {
  readonly id: number;
  name: string;
  source: string;
  owner: string;
  policy: string;
  comment: string;
  runCount: number;
  lastStarted: number | undefined;
}

export class Scripts {
  private readonly items: Script[] = [];
  private readonly ids = new IdSequence(1);

  constructor(
    private readonly runner: ScriptRunner,
    private readonly now: () => number,
  ) {}

  list(): readonly Script[] {
    return this.items;
  }

  find(ref: string): Script | undefined {
    return this.items.find((item) => item.name === ref || formatId(item.id) === ref);
  }

  add(fields: Pick<Script, 'name' | 'source' | 'owner' | 'policy' | 'comment'>): Script {
    if (this.find(fields.name)) throw new RouterTrap('failure: item with such name already exists');
    const script: Script = { id: this.ids.take(), ...fields, runCount: 0, lastStarted: undefined };
    this.items.push(script);
    return script;
  }

  remove(script: Script): void {
    this.items.splice(this.items.indexOf(script), 1);
  }

  run(script: Script, user: string): Promise<string> {
    script.runCount += 1;
    script.lastStarted = this.now();
    return this.runner.run(script.source, user);
  }

  row(script: Script): Attrs {
    const row: Attrs = { '.id': formatId(script.id) };
    if (script.comment) row.comment = script.comment;
    row.name = script.name;
    row.owner = script.owner;
    row.policy = script.policy;
    row['dont-require-permissions'] = 'false';
    if (script.lastStarted !== undefined) row['last-started'] = formatDateTime(new Date(script.lastStarted));
    row['run-count'] = String(script.runCount);
    row.source = script.source;
    row.invalid = 'false';
    return row;
  }
}

/** A script's failure as the trap that ends its command. */
export function trapOf(error: unknown): RouterTrap {
  if (error instanceof RouterTrap) return error;
  return new RouterTrap(error instanceof Error ? error.message : String(error));
}

export function scriptMenu(scripts: Scripts): MenuSpec {
  let unnamed = 0;
  const select = (attrs: Attrs) => selectItems(attrs, (ref) => scripts.find(ref));
  return {
    path: '/system/script',
    commands: {
      print: printCommand(() => scripts.list().map((script) => scripts.row(script))),
      add: {
        run: ({ attrs }, { user }) => {
          allowOnly(attrs, ['name', 'source', 'policy', 'comment', 'dont-require-permissions']);
          unnamed += 1;
          const script = scripts.add({
            name: attrs.name ?? `script${unnamed}`,
            source: attrs.source ?? '',
            owner: user,
            policy: attrs.policy ?? DEFAULT_POLICY,
            comment: attrs.comment ?? '',
          });
          return { type: 'done', ret: formatId(script.id) };
        },
      },
      set: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers', 'name', 'source', 'policy', 'comment']);
          for (const script of select(attrs)) {
            if (attrs.name !== undefined && attrs.name !== script.name && scripts.find(attrs.name)) {
              throw new RouterTrap('failure: item with such name already exists');
            }
            script.name = attrs.name ?? script.name;
            script.source = attrs.source ?? script.source;
            script.policy = attrs.policy ?? script.policy;
            script.comment = attrs.comment ?? script.comment;
          }
          return { type: 'done' };
        },
      },
      remove: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers']);
          for (const script of select(attrs)) scripts.remove(script);
          return { type: 'done' };
        },
      },
      run: {
        unnamed: ['number'],
        run: ({ attrs }, { user }): CommandResult => {
          allowOnly(attrs, ['.id', 'number']);
          if (attrs['.id'] === undefined && attrs.number === undefined) throw missingValue('number');
          const [ref] = itemRefs({ numbers: attrs['.id'] ?? attrs.number ?? '' });
          const script = ref === undefined ? undefined : scripts.find(ref);
          if (!script) throw noSuchItem();
          // `!done` comes when the script has finished, a trap when it failed.
          return {
            type: 'stream',
            start: (sink) => {
              let live = true;
              scripts.run(script, user).then(
                () => live && sink.end(),
                (error: unknown) => live && sink.end(trapOf(error)),
              );
              return () => {
                live = false;
              };
            },
          };
        },
      },
    },
  };
}
