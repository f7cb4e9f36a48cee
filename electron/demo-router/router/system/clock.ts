// `/system/clock`: the router's local date and time as RouterOS 7.10+ prints them (`2025-03-11`,
// `14:03:22`). Safe Mode reads it to push its safety net's next run forward in the router's own time.

import { printCommand } from '../item-commands';
import type { MenuSpec } from '../registry';
import { formatDate, formatTime } from '../values';

export function clockMenu(now: () => number): MenuSpec {
  return {
    path: '/system/clock',
    commands: {
      print: printCommand(() => {
        const date = new Date(now());
        const offset = -date.getTimezoneOffset();
        const sign = offset < 0 ? '-' : '+';
        const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
        const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
        return [
          {
            time: formatTime(date),
            date: formatDate(date),
            'time-zone-autodetect': 'yes',
            'time-zone-name': Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'manual',
            'gmt-offset': `${sign}${hours}:${minutes}`,
            'dst-active': 'no',
          },
        ];
      }),
    },
  };
}
