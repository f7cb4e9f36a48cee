import { join } from 'node:path';
import type { ChangeRecord } from '../../shared/apply/undo';
import { JsonFile } from '../sites/json-file';

/** A change kept for Ctrl+Z, with when it was made. */
export type KeptChange = ChangeRecord & { at: string };

/**
 * Per site, the changes Ctrl+Z takes back, last made last, kept in the profile: a crash or a
 * restart of the app loses none. Each site's list is read once, then changed and saved one change
 * after another, so two changes made at once both stay.
 */
export class UndoHistory {
  private readonly lists = new Map<string, Promise<KeptChange[]>>();
  private readonly files = new Map<string, JsonFile<KeptChange[]>>();

  constructor(
    private readonly dir: string,
    /** Changes kept per site: a session's worth of edits, not a history of the router. */
    private readonly limit: number,
  ) {}

  list(siteId: string): Promise<KeptChange[]> {
    let list = this.lists.get(siteId);
    if (!list) {
      // A file that cannot be read costs the history, not the site.
      list = this.file(siteId)
        .read()
        .then(
          (kept) => (Array.isArray(kept) ? kept : []),
          () => [],
        );
      this.lists.set(siteId, list);
    }
    return list;
  }

  async last(siteId: string): Promise<KeptChange | undefined> {
    return (await this.list(siteId)).at(-1);
  }

  push(siteId: string, change: ChangeRecord): Promise<KeptChange[]> {
    return this.change(siteId, (list) => [...list, { ...change, at: new Date().toISOString() }]);
  }

  /** Takes a change out once it is undone; one made meanwhile stays. */
  drop(siteId: string, change: KeptChange): Promise<KeptChange[]> {
    return this.change(siteId, (list) => list.filter((each) => each !== change));
  }

  private change(siteId: string, edit: (list: KeptChange[]) => KeptChange[]): Promise<KeptChange[]> {
    const previous = this.list(siteId);
    let changed: KeptChange[] | undefined;
    const next = previous.then(async (list) => {
      changed = edit(list).slice(-this.limit);
      await this.file(siteId).write(changed);
      return changed;
    });
    // The next change builds on this one, saved or not: the list in memory stays the truth.
    this.lists.set(
      siteId,
      next.catch(() => changed ?? previous),
    );
    return next;
  }

  private file(siteId: string): JsonFile<KeptChange[]> {
    let file = this.files.get(siteId);
    if (!file) {
      file = new JsonFile<KeptChange[]>(join(this.dir, `${encodeURIComponent(siteId)}.json`));
      this.files.set(siteId, file);
    }
    return file;
  }
}
