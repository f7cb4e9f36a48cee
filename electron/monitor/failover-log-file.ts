import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailoverLogEntry } from '../../shared/monitor/failover-log';

/** A log kept for years of failovers would still be read whole; the oldest beyond this are not shown. */
const keptEntries = 10_000;

/**
 * Each site's failover event log on disk: one JSON line per event, appended, so an entry written
 * is never rewritten and a crash can cost at most the line being written (which is skipped).
 */
export class FailoverLogFile {
  private readonly directory: string;
  /** Appends per site in order, and a read after an append sees it. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(profileDir: string) {
    this.directory = join(profileDir, 'monitor');
  }

  append(entry: FailoverLogEntry): Promise<void> {
    return this.queued(entry.siteId, async () => {
      await mkdir(this.directory, { recursive: true, mode: 0o700 });
      await appendFile(this.path(entry.siteId), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    });
  }

  async read(siteId: string): Promise<FailoverLogEntry[]> {
    await this.queues.get(siteId);
    let text: string;
    try {
      text = await readFile(this.path(siteId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: FailoverLogEntry[] = [];
    for (const line of text.split('\n').slice(-keptEntries - 1)) {
      if (line === '') continue;
      try {
        entries.push(JSON.parse(line) as FailoverLogEntry);
      } catch {
        // A line cut short by a crash: the rest of the log is still good.
      }
    }
    return entries;
  }

  private path(siteId: string): string {
    return join(this.directory, `${encodeURIComponent(siteId)}.failover-log.jsonl`);
  }

  private queued(siteId: string, write: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(siteId) ?? Promise.resolve()).then(write);
    this.queues.set(
      siteId,
      next.catch(() => undefined),
    );
    return next;
  }
}
