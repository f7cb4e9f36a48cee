import { type KeyboardEvent, useMemo, useState } from 'react';
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

const columns: { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'Site' },
  { key: 'health', label: 'Health' },
  { key: null, label: 'State' },
  { key: null, label: 'Active link' },
  { key: null, label: 'Links (last 10 minutes)' },
  { key: 'failovers', label: 'Failovers (24 h)' },
  { key: 'access', label: 'Access left' },
];

interface Row {
  site: Site;
  health: SiteHealth;
  links: FleetLink[];
  failovers: number;
  /** ms left of a Transient Access grant, when the site has one. */
  accessLeft: number | undefined;
  status: keyof typeof statusLabels;
  active: string | undefined;
}

const linkName = (link: FleetLink) => `WAN ${link.wan}${link.name ? ` ${link.name}` : ''}`;

const compare: Record<SortKey, (a: Row, b: Row) => number> = {
  health: (a, b) => compareHealth(a.health, b.health),
  name: (a, b) => a.site.name.localeCompare(b.site.name, undefined, { numeric: true, sensitivity: 'base' }),
  failovers: (a, b) => b.failovers - a.failovers,
  access: (a, b) => (a.accessLeft ?? Number.POSITIVE_INFINITY) - (b.accessLeft ?? Number.POSITIVE_INFINITY),
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
  const now = useNow(1000);

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
        accessLeft: session.expiresAt ? Date.parse(session.expiresAt) - now : undefined,
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
  }, [sites, sessions, fleet, actives, filter, sort, now]);

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
              <tr
                key={row.site.id}
                data-site-id={row.site.id}
                className={`fleet-row fleet-row-${row.health}`}
                tabIndex={0}
                aria-label={row.site.name}
                onClick={() => select(row.site.id)}
              >
                <td className="fleet-name">{row.site.name}</td>
                <td>
                  <StatusDot tone={siteHealthTones[row.health]} label={siteHealthLabels[row.health]} />
                </td>
                <td>
                  <StatusDot tone={statusTones[row.status]} label={statusLabels[row.status]} />
                </td>
                <td className="fleet-active">{row.active ?? '—'}</td>
                <td>
                  <ul className="fleet-links" aria-label={`Links of ${row.site.name}`}>
                    {row.links.map((link) => (
                      <li key={link.wan} className="fleet-link">
                        <StatusDot
                          tone={link.health ? healthTones[link.health] : 'neutral'}
                          label={linkName(link)}
                        />
                        <Sparkline points={link.spark} />
                        <span className="fleet-figures">
                          {link.health ? healthLabels[link.health] : 'Waiting'} · RTT {formatMs(link.rttMs)} ·
                          loss {formatPct(link.lossPct)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="fleet-number">{row.failovers}</td>
                <td className="fleet-number">
                  {row.accessLeft === undefined
                    ? '—'
                    : row.accessLeft <= 0
                      ? 'Expired'
                      : formatTimeLeft(row.accessLeft)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="fleet-empty muted">No site matches “{filter}”.</p>}
      </div>
    </div>
  );
}
