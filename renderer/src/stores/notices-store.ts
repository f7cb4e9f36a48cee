import { create } from 'zustand';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface Notice {
  id: number;
  level: NoticeLevel;
  message: string;
  /** What it concerns, e.g. the site's name: the toast's heading. */
  title?: string;
}

interface NoticesState {
  notices: Notice[];
  push(notice: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

/** Errors stay until dismissed: a technician who looked away must still see them. */
const lifetimeMs: Record<NoticeLevel, number | null> = { info: 6000, warning: 12000, error: null };
/** Older toasts give way: a flapping link must not bury the screen. */
const maxNotices = 4;

let nextId = 1;

export const useNoticesStore = create<NoticesState>()((set, get) => ({
  notices: [],
  push: (notice) => {
    const id = nextId++;
    set((state) => ({ notices: [...state.notices, { ...notice, id }].slice(-maxNotices) }));
    const lifetime = lifetimeMs[notice.level];
    if (lifetime !== null) setTimeout(() => get().dismiss(id), lifetime);
  },
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));
