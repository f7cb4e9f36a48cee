import { type KeyboardEvent, memo, useMemo, useState } from 'react';
import type { FleetLink } from '../../../shared/ipc/channels/monitor';
import { compareHealth, type SiteHealth, siteHealth } from '../../../shared/monitor/fleet';
import type { Site } from '../../../shared/sites/site';
import { StatusDot } from '../components/Badge';
import { TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { useNow } from '../components/use-now';
import { formatMs, formatPct, healthLabels, healthTones } from '../monitor/monitor-text';
import { formatTimeLeft, statusLabels, statusTones } from '../sites/session-text';
import { useActiveWanStore } from '../stores/active-wan-store';
import { offlineSession, useSessionsStore } from '../stores/sessions-store';
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

const linkName = (link: FleetLink) => `WAN ${link.wan}${link.name ? ` ${link.name}` : ''}`;

const compare: Record<SortKey, (a: Row, b: Row) => number> = {
  health: (a, b) => compareHealth(a.health, b.health),
  name: (a, b) => a.site.name.localeCompare(b.site.name, undefined, { numeric: true, sensitivity: 'base' }),
  failovers: (a, b) => b.failovers - a.failovers,
  access: (a, b) => (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY),
};

/**
 * The "Sites" overview: every site's links at a glance, worst first. A row opens its site on a
 * click or Enter; arrows move between rows; the column headers sort, the filter narrows by name,
 * address or active link.
 */
export function FleetView() {
  const sites = useSitesStore((s) => s.sites);
  const select = useSitesStore((s) => s.select);
  const sessions = useSessionsStore((s) => s.bySite);
  const fleet = useFleetStore((s) => s.bySite);
  const actives = useActiveWanStore((s) => s.bySite);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'health',
    descending: false,
  });
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all: Row[] = sites.map((site) => {
      const session = sessions[site.id] ?? offlineSession(site.id);
      const summary = fleet[site.id];
      const online = session.status === 'online';
      return {
        site,
        health: online ? siteHealth(summary) : 'unknown',
        links: online ? (summary?.links ?? []) : [],
        failovers: summary?.failovers24h ?? 0,
        expiresAt: session.expiresAt ? Date.parse(session.expiresAt) : undefined,
        status: session.status,
        active: online ? actives[site.id]?.label : undefined,
      };
    });
    const shown = needle
      ? all.filter((row) =>
          [row.site.name, row.site.address, row.active ?? ''].some((text) =>
            text.toLowerCase().includes(needle),
          ),
        )
      : all;
    const order = compare[sort.key];
    return shown.sort((a, b) => (sort.descending ? -1 : 1) * (order(a, b) || compare.name(a, b)));
  }, [sites, sessions, fleet, actives, filter, sort]);

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
          {rows.filter((row) => row.health === 'down').length} down ·{' '}
          {rows.filter((row) => row.health === 'degraded').length} degraded · {sites.length} in all
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
            {rows.map((row) => (
              <FleetRow key={row.site.id} {...row} onOpen={select} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="fleet-empty muted">No site matches “{filter}”.</p>}
      </div>
    </div>
  );
}

/**
 * One site's row. Main updates every site's figures each second: a row re-renders only when its
 * own summary changed, and each link and sparkline only when theirs did.
 */
const FleetRow = memo(function FleetRow({
  site,
  health,
  status,
  active,
  links,
  failovers,
  expiresAt,
  onOpen,
}: Row & { onOpen(siteId: string): void }) {
  return (
    <tr
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

/** A grant's time left, ticking on its own so the rest of the row stays still. */
function AccessLeft({ expiresAt }: { expiresAt: number | undefined }) {
  const now = useNow(1000, expiresAt !== undefined);
  if (expiresAt === undefined) return '—';
  const left = expiresAt - now;
  return left <= 0 ? 'Expired' : formatTimeLeft(left);
}
