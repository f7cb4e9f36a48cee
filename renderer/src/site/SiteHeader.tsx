import { useRef, useState } from 'react';
import type { SessionState } from '../../../shared/sessions/session-state';
import { type Site, transportLabels } from '../../../shared/sites/site';
import { SafeModeButton } from '../apply/SafeModeButton';
import { Badge, StatusDot } from '../components/Badge';
import { Button, IconButton } from '../components/Button';
import { Menu } from '../components/Menu';
import { useNow } from '../components/use-now';
import {
  channelLabels,
  formatSince,
  formatUptime,
  isSessionActive,
  siteAddress,
  statusLabels,
  statusTones,
} from '../sites/session-text';
import { siteMenuItems } from '../sites/site-actions';
import { selectActiveWan, useActiveWanStore } from '../stores/active-wan-store';
import { useSessionsStore } from '../stores/sessions-store';
import { GrantCountdown } from './GrantCountdown';

/** Name, status and the router's facts. Every fact keeps its slot ("—" until known): no jumps. */
export function SiteHeader({ site, session }: { site: Site; session: SessionState }) {
  const pending = useSessionsStore((s) => s.pending[site.id]);
  const open = useSessionsStore((s) => s.open);
  const close = useSessionsStore((s) => s.close);
  const activeWan = useActiveWanStore(selectActiveWan(site.id));
  const now = useNow(15_000, session.status !== 'online' && session.lastSeen !== undefined);
  const active = isSessionActive(session.status);
  const menuButton = useRef<HTMLButtonElement>(null);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const { router } = session;
  const channel = session.channel ? channelLabels[session.channel] : transportLabels[site.transport];

  const facts: [string, string][] = [
    ['Identity', router?.identity ?? '—'],
    ['RouterOS', router?.version ?? '—'],
    ['Board', router?.board ?? '—'],
    ['Uptime', router ? formatUptime(router.uptime) : '—'],
    ['Channel', channel],
    ['Address', siteAddress(site, session)],
    // Where the router sees Uplink from: the route to it carries the session (a change to it is planned first).
    ['Seen from', session.status === 'online' ? (session.seenFrom ?? '—') : '—'],
    [
      'Last seen',
      session.status === 'online' ? 'now' : session.lastSeen ? formatSince(session.lastSeen, now) : '—',
    ],
  ];

  return (
    <header className="site-header">
      <div className="site-header-top">
        <h1 className="site-title" title={site.name}>
          {site.name}
        </h1>
        {site.demo && <Badge tone="info">Demo</Badge>}
        {(session.readOnly || site.readOnly) && <Badge>Read-only</Badge>}
        <span className="site-header-status" role="status" aria-label="Session status">
          <StatusDot tone={statusTones[session.status]} label={statusLabels[session.status]} />
        </span>
        <span className="spacer" />
        <span className="site-header-active-link">
          {activeWan && (
            <span role="status" aria-label="Active link" title={activeWan.detail}>
              <span className="muted">Active link </span>
              <b>{activeWan.label}</b>
            </span>
          )}
        </span>
        <SafeModeButton
          siteId={site.id}
          online={session.status === 'online'}
          readOnly={session.readOnly || site.readOnly === true}
        />
        {site.reach === 'transient' && <GrantCountdown expiresAt={session.expiresAt ?? site.expiresAt} />}
        {active ? (
          <Button
            icon="unplug"
            className="session-button"
            busy={pending === 'close'}
            onClick={() => void close(site.id)}
          >
            Disconnect
          </Button>
        ) : (
          <Button
            variant="primary"
            icon="plug"
            busy={pending !== undefined}
            onClick={() => void open(site.id)}
          >
            Connect
          </Button>
        )}
        <IconButton
          ref={menuButton}
          label="Site actions"
          icon="more"
          variant="secondary"
          aria-haspopup="menu"
          aria-expanded={menuAt !== null}
          onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            setMenuAt(menuAt ? null : { x: box.right - 180, y: box.bottom + 4 });
          }}
        />
        {menuAt && (
          <Menu
            label={`Actions for ${site.name}`}
            items={siteMenuItems(site)}
            position={menuAt}
            returnFocus={menuButton.current}
            onClose={() => setMenuAt(null)}
          />
        )}
      </div>
      <dl className="site-facts">
        {facts.map(([term, value]) => (
          <div key={term} className="site-fact">
            <dt>{term}</dt>
            <dd title={value}>{value}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
