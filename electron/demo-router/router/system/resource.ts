// `/system/resource`: what a RouterOS 7.18 board reports about itself. Uptime counts from the
// router's start; the CPU load follows the traffic it forwards.

import { formatDuration } from '../../../../shared/routeros/duration';
import { printCommand } from '../item-commands';
import type { MenuSpec } from '../registry';

export const ROUTEROS_VERSION = '7.18.2 (stable)';
const MIB = 1024 * 1024;
const TOTAL_MEMORY = 1024 * MIB;
const TOTAL_HDD = 1024 * MIB;

export function resourceMenu(bootedAt: number, now: () => number, cpuLoad: () => number): MenuSpec {
  return {
    path: '/system/resource',
    commands: {
      print: printCommand(() => {
        const uptimeMs = now() - bootedAt;
        return [
          {
            // Whole seconds: RouterOS prints uptime as `1d2h3m4s`.
            uptime: formatDuration(Math.floor(uptimeMs / 1000) * 1000),
            version: ROUTEROS_VERSION,
            'build-time': '2025-03-11 11:59:04',
            'factory-software': '7.1',
            'free-memory': String(TOTAL_MEMORY - 212 * MIB - (Math.floor(uptimeMs / 60_000) % 7) * MIB),
            'total-memory': String(TOTAL_MEMORY),
            cpu: 'ARM64',
            'cpu-count': '4',
            'cpu-frequency': '1400',
            'cpu-load': String(cpuLoad()),
            'free-hdd-space': String(TOTAL_HDD - 97 * MIB),
            'total-hdd-space': String(TOTAL_HDD),
            'write-sect-since-reboot': String(1024 + Math.floor(uptimeMs / 3_600_000) * 12),
            'write-sect-total': '1873244',
            'architecture-name': 'arm64',
            'board-name': 'RB5009UG+S+',
            platform: 'MikroTik',
          },
        ];
      }),
    },
  };
}
