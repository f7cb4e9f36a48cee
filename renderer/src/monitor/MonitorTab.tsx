import { useId, useState } from 'react';
import { carriesTraffic } from '../../../shared/monitor/links';
import { monitorWindows } from '../../../shared/monitor/series';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { RadioGroup } from '../components/Choice';
import { EmptyState } from '../components/EmptyState';
import { selectActiveLink, useFailoverStore } from '../failover/failover-store';
import { FailoverLog } from './FailoverLog';
import { capacityText, MonitorCapDialog } from './MonitorCapDialog';
import { selectLog, selectMonitorStatus, useMonitorStore } from './monitor-store';
import { ThresholdsDialog } from './ThresholdsDialog';
import { WanMonitor } from './WanMonitor';
import './monitor.css';

/** A site's Monitor tab: each WAN's health and graphs over the chosen window, and the failover log. */
export function MonitorTab({ siteId }: { siteId: string }) {
  const status = useMonitorStore(selectMonitorStatus(siteId));
  const span = useMonitorStore((s) => s.window);
  const setWindow = useMonitorStore((s) => s.setWindow);
  const thresholds = useMonitorStore((s) => s.thresholds);
  const log = useMonitorStore(selectLog(siteId));
  const active = useFailoverStore(selectActiveLink(siteId));
  const capacity = useMonitorStore((s) => s.capacity);
  const [editing, setEditing] = useState(false);
  const [capping, setCapping] = useState(false);
  const wans = status?.wans ?? [];
  const capacityId = useId();

  return (
    <div className="site-tab-page">
      <div className="monitor-toolbar">
        <RadioGroup
          label="Window"
          className="monitor-window"
          options={monitorWindows.map(({ id, label }) => ({ value: id, label }))}
          value={span}
          onChange={setWindow}
        />
        <span className="spacer" />
        {capacity && (
          <Button icon="radar" onClick={() => setCapping(true)} aria-describedby={capacityId}>
            Sites monitored at once: {capacity.maxSites}
          </Button>
        )}
        {capacity && (
          <span id={capacityId} className="visually-hidden">
            {capacityText(capacity)}
          </span>
        )}
        {thresholds && (
          <Button icon="gear" onClick={() => setEditing(true)}>
            Health thresholds
          </Button>
        )}
      </div>
      {status?.phase === 'paused' && (
        <Banner tone="info">Offline: monitoring is paused, and resumes when the site is back online.</Banner>
      )}
      {status?.error && <Banner tone="error">{status.error}</Banner>}
      {status?.phase === 'capped' && capacity && (
        <Banner tone="warning" title="Not measured now">
          {capacity.maxSites} sites are measured at once, the most allowed; this one waits for a place. Raise
          the cap with “Sites monitored at once”.
        </Banner>
      )}
      {wans.length === 0 && status?.phase !== 'paused' ? (
        <EmptyState icon="radar" title="No link to monitor" compact>
          <p>
            The router has no enabled default route through a gateway on an interface. Each one it has is
            measured to its gateway; a WAN set up on the WAN Failover tab, to its probe host.
          </p>
        </EmptyState>
      ) : (
        wans.map((wan) => (
          <WanMonitor
            key={wan.wan}
            siteId={siteId}
            wan={wan}
            active={carriesTraffic(wan, active)}
            marks={log}
          />
        ))
      )}
      <FailoverLog siteId={siteId} />
      {editing && thresholds && (
        <ThresholdsDialog thresholds={thresholds} onClose={() => setEditing(false)} />
      )}
      {capping && capacity && <MonitorCapDialog capacity={capacity} onClose={() => setCapping(false)} />}
    </div>
  );
}
