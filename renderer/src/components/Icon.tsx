/** The few line icons the app uses, drawn on a 16px grid in the current text colour. */
const paths = {
  plus: 'M8 3v10M3 8h10',
  more: 'M3.5 8h.01M8 8h.01M12.5 8h.01',
  close: 'M4 4l8 8M12 4l-8 8',
  edit: 'M10.5 2.5l3 3L6 13H3v-3z',
  copy: 'M5.5 5.5h7v8h-7zM3.5 10.5v-8h7',
  trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9',
  plug: 'M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 0 1-7 0zM8 11v3',
  unplug: 'M6 2v3M10 2v3M4.5 5h7v2.5a3.5 3.5 0 0 1-7 0zM8 11v3M2 2l12 12',
  info: 'M8 7.5v4M8 4.8h.01M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z',
  warning: 'M8 2l6.5 11.5h-13zM8 6.5v3.5M8 12h.01',
  error: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM8 4.5v4.5M8 11.2h.01',
  check: 'M3 8.5l3.2 3L13 4.5',
  clock: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM8 4.5V8l2.5 1.5',
  lock: 'M4 7.5h8v6H4zM5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5',
  shield: 'M8 1.5l5.5 2v4c0 3.5-2.4 5.9-5.5 7-3.1-1.1-5.5-3.5-5.5-7v-4z',
  router: 'M2 9.5h12v4H2zM4.5 11.5h.01M7 11.5h.01M11 9.5l1.5-5M5 9.5L3.5 4.5',
  radar: 'M8 14.5a6.5 6.5 0 1 0 0-13M8 11a3 3 0 1 0 0-6M8 8h.01M8 8L3 3',
  refresh: 'M13 4v3h-3M13 7a5 5 0 1 0-1 4',
  key: 'M10 2.5a3.5 3.5 0 1 1-3.2 4.9L2.5 11.7v2h2v-1.5H6v-1.5h1.5l1-1',
  gear: 'M8 12.5a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
  'arrow-up': 'M8 13V3M4 7l4-4 4 4',
  'arrow-down': 'M8 3v10M4 9l4 4 4-4',
  download: 'M8 2v8M4.5 6.5 8 10l3.5-3.5M3 13.5h10',
  undo: 'M5.5 3 2.5 6l3 3M2.5 6h6.5a4 4 0 0 1 0 8H6',
  grip: 'M6 4h.01M10 4h.01M6 8h.01M10 8h.01M6 12h.01M10 12h.01',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
