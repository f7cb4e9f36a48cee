import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A save's temporary file: the file's name, a random 12-hex-digit tag, `.tmp` (see `replace`). */
export function isSaveLeftover(name: string, of?: string): boolean {
  return /\.[0-9a-f]{12}\.tmp$/.test(name) && (of === undefined || name.startsWith(`${of}.`));
}

/**
 * One JSON file in the profile, replaced whole on every save so a crash or power cut leaves the old
 * file or the new one, never half of either: written to a temporary file, flushed to disk, renamed
 * over the old one, and the directory flushed so the rename itself survives. Saves are queued, so
 * two quick changes cannot interleave and the last one written is the last one asked for.
 */
export class JsonFile<T> {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    /** 0600 by default: profile files are the technician's alone. */
    private readonly mode = 0o600,
  ) {}

  /** The file's value, or undefined when there is no file yet. */
  async read(): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  /**
   * Deletes temporary files a save left behind when a process died in the middle of it (the file
   * itself is whole: the rename never happened). Queued like a save, so it never takes the
   * temporary file of a save of this object; call it on the file's one writer.
   */
  removeLeftovers(): Promise<void> {
    return this.enqueue(async () => {
      const directory = dirname(this.path);
      const names = await readdir(directory).catch(() => []);
      const leftovers = names.filter((name) => isSaveLeftover(name, basename(this.path)));
      await Promise.all(leftovers.map((name) => unlink(join(directory, name)).catch(() => undefined)));
    });
  }

  write(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    return this.enqueue(() => this.replace([text]));
  }

  /**
   * Saves a big value from the parts of its JSON, written one after another: no one string holds
   * it all, and the thread serves other work between parts. Together the parts must be a T's JSON.
   */
  writeParts(parts: () => Iterable<string>): Promise<void> {
    return this.enqueue(() => this.replace(parts()));
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task);
    // A failed task is reported to its caller; the next one still runs.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async replace(parts: Iterable<string>): Promise<void> {
    const directory = dirname(this.path);
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(temporary, 'w', this.mode);
    try {
      // On an open file each writeFile goes on from where the last one ended.
      for (const part of parts) await file.writeFile(part, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await syncDirectory(directory);
  }
}

async function syncDirectory(directory: string): Promise<void> {
  // Windows cannot open a directory for syncing; there the rename is as durable as it gets.
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
