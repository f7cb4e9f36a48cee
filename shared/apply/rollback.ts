import { type AddCommand, quote, type RouterCommand, toCli } from '../routeros/command';

export const rollbackName = 'uplink-rollback';
export const schedulerMenu = '/system/scheduler';

/** The safety net's default grace period: long enough to reconnect over a slow link, short enough to wait out. */
export const defaultGraceSeconds = 60;

export function removeRollbackEntry(name = rollbackName): RouterCommand {
  return { op: 'remove', menu: schedulerMenu, select: { where: { name } } };
}

/**
 * The undo as the router runs it: the entry removes itself first, so it runs once even if a step
 * hangs past the next interval; then every step on its own, so one that fails (its item was removed
 * meanwhile, say) is logged and the others still run. Steps find their items by comment tag or
 * address, never by id, and each leaves the same result when run again, so a second run is harmless.
 */
export function rollbackScript(inverse: RouterCommand[], name = rollbackName): string {
  const guarded = (command: RouterCommand, step: string) =>
    `:do { ${toCli(command)} } on-error={ :log warning ${quote(`${name}: ${step} failed`)} }`;
  return [
    guarded(removeRollbackEntry(name), 'removing its scheduler entry'),
    ...inverse.map((command, index) => guarded(command, `step ${index + 1} of ${inverse.length}`)),
  ].join('\n');
}

/**
 * The confirmed apply's safety net: a scheduler entry, added before the change, that undoes it after
 * the grace period unless Uplink removes it first. With only `interval` set, RouterOS starts the
 * entry at the moment it is added, so its first run is one grace period later.
 */
export function rollbackEntry(
  inverse: RouterCommand[],
  graceSeconds: number,
  name = rollbackName,
): AddCommand {
  return {
    op: 'add',
    menu: schedulerMenu,
    attrs: {
      name,
      interval: `${graceSeconds}s`,
      'on-event': rollbackScript(inverse, name),
      comment: `uplink:${name.replace(/^uplink-/, '')}`,
    },
  };
}
