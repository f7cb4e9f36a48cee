import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApplyPlan } from '../../shared/apply/plan';
import { JsonFile } from '../sites/json-file';

/**
 * A confirmed apply that has put its safety net on the router and not yet taken it off. Written
 * before the safety net, removed after it: if Uplink finds one when a session comes back (the
 * session died, the laptop closed, the app crashed), it knows what to check and what to say.
 */
export interface PendingApply {
  siteId: string;
  plan: ApplyPlan;
  /** ISO time the safety net went on. */
  startedAt: string;
  graceSeconds: number;
}

/** A record per site, one file each in `dir`: written whole, so a crash leaves the old or the new. */
export class SiteRecords<T extends { siteId: string }> {
  constructor(private readonly dir: string) {}

  private file(siteId: string): JsonFile<T> {
    return new JsonFile(join(this.dir, `${encodeURIComponent(siteId)}.json`));
  }

  save(record: T): Promise<void> {
    return this.file(record.siteId).write(record);
  }

  load(siteId: string): Promise<T | undefined> {
    return this.file(siteId).read();
  }

  async remove(siteId: string): Promise<void> {
    await rm(this.file(siteId).path, { force: true });
  }
}

/** The unfinished applies, in `<profile>/apply/pending/`. */
export class PendingApplies extends SiteRecords<PendingApply> {}
