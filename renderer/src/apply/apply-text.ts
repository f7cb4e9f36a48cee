import type { ApplyStep } from '../../../shared/ipc/channels/apply';

export const stepLabels: Record<ApplyStep, string> = {
  'safety-net': 'putting the safety net on the router',
  change: 'changing the routes',
  check: 'checking the router took it',
  confirm: 'taking the safety net off',
  undo: 'putting the previous settings back',
};

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export const formatTime = (iso: string) => timeFormat.format(new Date(iso));
