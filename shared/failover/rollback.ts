import { type RouterCommand, toCli } from '../routeros/command';

export const rollbackName = 'uplink-rollback';
const schedulerMenu = '/system/scheduler';

/** The safety net's default grace period: long enough to reconnect over a slow link, short enough to wait out. */
export const defaultGraceSeconds = 60;

/**
 * The confirmed apply's safety net: a scheduler entry, added before the change, that undoes it after
 * the grace period unless Uplink removes it first. With only `interval` set, RouterOS starts the
 * entry at the moment it is added, so its first run is one grace period later; the script removes
 * its own entry so it runs once.
 */
export function rollbackEntry(inverse: RouterCommand[], graceSeconds: number): RouterCommand {
  const script = [...inverse.map(toCli), toCli(removeRollbackEntry())].join('\n');
  return {
    op: 'add',
    menu: schedulerMenu,
    attrs: {
      name: rollbackName,
      interval: `${graceSeconds}s`,
      'on-event': script,
      comment: 'uplink:rollback',
    },
  };
}

export function removeRollbackEntry(): RouterCommand {
  return { op: 'remove', menu: schedulerMenu, select: { where: { name: rollbackName } } };
}
