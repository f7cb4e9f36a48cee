import { useState } from 'react';
import { eventKindLabels } from '../../../shared/monitor/failover-log';
import { saveFile } from '../app/hand-over';
import { Button } from '../components/Button';
import { invoke } from '../ipc/client';
import { selectSite, useSitesStore } from '../stores/sites-store';
import { selectLog, useMonitorStore } from './monitor-store';
import { formatDateTime } from './monitor-text';
import '../components/data-table.css';

/** The site's failovers, link downs and ups and priority changes, newest first, as kept on disk. */
export function FailoverLog({ siteId }: { siteId: string }) {
  const entries = useMonitorStore(selectLog(siteId));
  const siteName = useSitesStore((s) => selectSite(siteId)(s)?.name ?? 'site');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const exportCsv = async () => {
    setBusy(true);
    try {
      saveFile(
        await invoke('monitor.exportLog', { siteId }),
        `${siteName} failover log ${new Date().toISOString().slice(0, 10)}.csv`,
        'text/csv',
      );
      setError(undefined);
    } catch (failure) {
      setError(
        `The log could not be exported: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="failover-log" aria-labelledby={`${siteId}-log-heading`}>
      <div className="failover-log-toolbar">
        <h3 id={`${siteId}-log-heading`} className="monitor-heading">
          Failover log
        </h3>
        <span className="spacer" />
        <Button
          size="small"
          icon="copy"
          busy={busy}
          disabled={entries.length === 0}
          onClick={() => void exportCsv()}
        >
          Export CSV
        </Button>
      </div>
      {error && <p className="field-error">{error}</p>}
      {entries.length === 0 ? (
        <p className="muted">No failover or link event yet. Events are logged while the site is online.</p>
      ) : (
        <div className="failover-log-scroll">
          <table className="data-table failover-log-table" aria-label="Failover log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Cause</th>
              </tr>
            </thead>
            <tbody>
              {entries
                .map((entry, index) => ({ entry, key: `${entry.at}-${index}` }))
                .reverse()
                .map(({ entry, key }) => (
                  <tr key={key} className={`log-${entry.kind}`}>
                    <td>
                      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    </td>
                    <td>{eventKindLabels[entry.kind]}</td>
                    <td>{entry.from}</td>
                    <td>{entry.to}</td>
                    <td>{entry.cause}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
