import {
  type KeyboardEvent,
  memo,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { FleetLink, FleetSite } from '../../../shared/ipc/channels/monitor';
import { compareHealth, type SiteHealth, sameStanding, siteHealth } from '../../../shared/monitor/fleet';
import type { SessionState } from '../../../shared/sessions/session-state';
import type { Site } from '../../../shared/sites/site';
import { StatusDot } from '../components/Badge';
import { TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { useNow } from '../components/use-now';
import { formatMs, formatPct, healthLabels, healthTones } from '../monitor/monitor-text';
import { formatTimeLeft, statusLabels, statusTones } from '../sites/session-text';
import { selectActiveWan, useActiveWanStore } from '../stores/active-wan-store';
import { offlineSession, selectSession, useSessionsStore } from '../stores/sessions-store';
import { useSitesStore } from '../stores/sites-store';
import { useFleetStore } from './fleet-store';
import { siteHealthLabels, siteHealthTones } from './fleet-text';
import { Sparkline } from './Sparkline';
import '../components/data-table.css';
import './fleet.css';

type SortKey = 'health' | 'name' | 'failovers' | 'access';

/** Widths are fixed (table-layout: fixed): a figure changing each second never lays out the whole table again. */
const columns: { key: SortKey | null; label: string; width: string }[] = [
  { key: 'name', label: 'Site', width: '13%' },
  { key: 'health', label: 'Health', width: '8%' },
  { key: null, label: 'State', width: '9%' },
  { key: null, label: 'Active link', width: '8%' },
  { key: null, label: 'Links (last 10 minutes)', width: '45%' },
  { key: 'failovers', label: 'Failovers (24 h)', width: '9%' },
  { key: 'access', label: 'Access left', width: '8%' },
];

interface Row {
  site: Site;
  health: SiteHealth;
  links: FleetLink[];
  failovers: number;
  /** When a Transient Access grant ends (ms), when the site has one. */
  expiresAt: number | undefined;
  status: keyof typeof statusLabels;
  active: string | undefined;
}

/** What the fleet view shows of a site: the same for the order of the rows and for the row itself. */
function rowOf(
  site: Site,
  session: SessionState | undefined,
  summary: FleetSite | undefined,
  active: string | undefined,
): Row {
  const { status, expiresAt } = session ?? offlineSession(site.id);
  const online = status === 'online';
  return {
    site,
    health: online ? siteHealth(summary) : 'unknown',
    links: online ? (summary?.links ?? []) : [],
    failovers: summary?.failovers24h ?? 0,
    expiresAt: expiresAt ? Date.parse(expiresAt) : undefined,
    status,
    active: online ? active : undefined,
  };
}

const linkName = (link: FleetLink) => `WAN ${link.wan}${link.name ? ` ${link.name}` : ''}`;

/** One collator for every comparison: `localeCompare` with options makes one per call. */
const names = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const compare: Record<SortKey, (a: Row, b: Row) => number> = {
  health: (a, b) => compareHealth(a.health, b.health),
  name: (a, b) => names.compare(a.site.name, b.site.name),
  failovers: (a, b) => b.failovers - a.failovers,
  access: (a, b) => (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY),
};

const subscribeAll = (onChange: () => void) => {
  const stops = [useSessionsStore, useFleetStore, useActiveWanStore].map((store) =>
    store.subscribe(onChange),
  );
  return () => {
    for (const stop of stops) stop();
  };
};

/**
 * The rows' order and the header's counts, as one string: main updates every site each second and
 * refreshes each session every few, but the view itself renders again only when the order or a
 * count changed; each row follows its own site (FleetRow).
 */
function useFleetOrder(sites: readonly Site[], filter: string, sort: { key: SortKey; descending: boolean }) {
  const snapshot = () => {
    const sessions = useSessionsStore.getState().bySite;
    const fleet = useFleetStore.getState().bySite;
    const actives = useActiveWanStore.getState().bySite;
    const needle = filter.trim().toLowerCase();
    const rows = sites
      .map((site) => rowOf(site, sessions[site.id], fleet[site.id], actives[site.id]?.label))
      .filter(
        (row) =>
          !needle ||
          [row.site.name, row.site.address, row.active ?? ''].some((text) =>
            text.toLowerCase().includes(needle),
          ),
      );
    const order = compare[sort.key];
    rows.sort((a, b) => (sort.descending ? -1 : 1) * (order(a, b) || compare.name(a, b)));
    const count = (health: SiteHealth) => rows.filter((row) => row.health === health).length;
    return JSON.stringify([rows.map((row) => row.site.id), count('down'), count('degraded')]);
  };
  const [ids, down, degraded] = JSON.parse(useSyncExternalStore(subscribeAll, snapshot)) as [
    string[],
    number,
    number,
  ];
  return { ids, down, degraded };
}

/**
 * The "Sites" overview: every site's links at a glance, worst first. A row opens its site on a
 * click or Enter; arrows move between rows; the column headers sort, the filter narrows by name,
 * address or active link.
 */
export function FleetView() {
  const sites = useSitesStore((s) => s.sites);
  const select = useSitesStore((s) => s.select);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'health',
    descending: false,
  });
  const { ids, down, degraded } = useFleetOrder(sites, filter, sort);
  const byId = new Map(sites.map((site) => [site.id, site]));
  const open = useCallback((siteId: string) => select(siteId), [select]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-site-id]');
    if (!row) return;
    const move = (next: Element | null) => (next as HTMLElement | null)?.focus();
    if (event.key === 'ArrowDown') move(row.nextElementSibling);
    else if (event.key === 'ArrowUp') move(row.previousElementSibling);
    else if (event.key === 'Home') move(row.parentElement?.firstElementChild ?? null);
    else if (event.key === 'End') move(row.parentElement?.lastElementChild ?? null);
    else if (event.key === 'Enter' || event.key === ' ') select(row.dataset.siteId ?? null);
    else return;
    event.preventDefault();
  };

  return (
    <div className="fleet">
      <header className="fleet-header">
        <h1 className="fleet-title">Sites</h1>
        <span className="muted">
          {down} down · {degraded} degraded · {sites.length} in all
        </span>
        <span className="spacer" />
        <TextField
          label="Filter sites"
          className="fleet-filter"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </header>
      <div className="fleet-scroll">
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: WAI-ARIA's data grid: a table the keyboard moves through */}
        <table className="data-table fleet-table" role="grid" aria-label="Fleet">
          <colgroup>
            {columns.map(({ label, width }) => (
              <col key={label} style={{ width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {columns.map(({ key, label }) => (
                <th
                  key={label}
                  scope="col"
                  aria-sort={
                    key && sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined
                  }
                >
                  {key ? (
                    <button
                      type="button"
                      className="fleet-sort"
                      onClick={() =>
                        setSort((current) => ({
                          key,
                          descending: current.key === key ? !current.descending : false,
                        }))
                      }
                    >
                      {label}
                      {sort.key === key && (
                        <Icon name={sort.descending ? 'arrow-up' : 'arrow-down'} size={12} />
                      )}
                    </button>
                  ) : (
                    label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {ids.map((id) => {
              const site = byId.get(id);
              return site && <FleetRow key={id} site={site} onOpen={open} />;
            })}
          </tbody>
        </table>
        {ids.length === 0 && <p className="fleet-empty muted">No site matches “{filter}”.</p>}
      </div>
    </div>
  );
}

/**
 * One site's row, following its own site: main updates every site's figures each second, and a
 * row renders again only when its own summary, session state or active link changed; each link
 * and sparkline only when theirs did.
 */
const FleetRow = memo(function FleetRow({ site, onOpen }: { site: Site; onOpen(siteId: string): void }) {
  const row = useRef<HTMLTableRowElement>(null);
  const onScreen = useOnScreen(row);
  const session = useSessionsStore(selectSession(site.id));
  // Out of sight, the figures stay as they were until the row is shown again; its health never does.
  const shown = useRef<FleetSite | undefined>(undefined);
  const summary = useFleetStore((s) => {
    const live = s.bySite[site.id];
    const kept = shown.current;
    return onScreen || !kept || !live || !sameStanding(kept, live) ? live : kept;
  });
  shown.current = summary;
  const { health, status, links, failovers, expiresAt, active } = rowOf(
    site,
    session,
    summary,
    useActiveWanStore(selectActiveWan(site.id))?.label,
  );
  return (
    <tr
      ref={row}
      data-site-id={site.id}
      className={`fleet-row fleet-row-${health}`}
      tabIndex={0}
      aria-label={site.name}
      onClick={() => onOpen(site.id)}
    >
      <td className="fleet-name">{site.name}</td>
      <td>
        <StatusDot tone={siteHealthTones[health]} label={siteHealthLabels[health]} />
      </td>
      <td>
        <StatusDot tone={statusTones[status]} label={statusLabels[status]} />
      </td>
      <td className="fleet-active">{active ?? '—'}</td>
      <td>
        <ul className="fleet-links" aria-label={`Links of ${site.name}`}>
          {links.map((link) => (
            <LinkItem
              key={link.wan}
              name={linkName(link)}
              health={link.health}
              rtt={formatMs(link.rttMs)}
              loss={formatPct(link.lossPct)}
              spark={link.spark}
            />
          ))}
        </ul>
      </td>
      <td className="fleet-number">{failovers}</td>
      <td className="fleet-number">
        <AccessLeft expiresAt={expiresAt} />
      </td>
    </tr>
  );
});

const LinkItem = memo(function LinkItem({
  name,
  health,
  rtt,
  loss,
  spark,
}: {
  name: string;
  health: FleetLink['health'];
  rtt: string;
  loss: string;
  spark: FleetLink['spark'];
}) {
  return (
    <li className="fleet-link">
      <StatusDot tone={health ? healthTones[health] : 'neutral'} label={name} />
      <Sparkline points={spark} />
      <span className="fleet-figures">
        {health ? healthLabels[health] : 'Waiting'} · RTT {rtt} · loss {loss}
      </span>
    </li>
  );
});

/** Each row's element and what to tell it; one observer for the whole table. */
const watched = new Map<Element, (visible: boolean) => void>();
let observer: IntersectionObserver | undefined;

/**
 * Whether an element is on screen (in the viewport and its scroll box), kept up to date by one
 * shared IntersectionObserver. True until the first observation, so a row starts out live.
 */
function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    observer ??= new IntersectionObserver((entries) => {
      for (const entry of entries) watched.get(entry.target)?.(entry.isIntersecting);
    });
    watched.set(element, setVisible);
    observer.observe(element);
    return () => {
      observer?.unobserve(element);
      watched.delete(element);
    };
  }, [ref]);
  return visible;
}

/** A grant's time left, ticking on its own so the rest of the row stays still. */
function AccessLeft({ expiresAt }: { expiresAt: number | undefined }) {
  const now = useNow(1000, expiresAt !== undefined);
  if (expiresAt === undefined) return '—';
  const left = expiresAt - now;
  return left <= 0 ? 'Expired' : formatTimeLeft(left);
}
