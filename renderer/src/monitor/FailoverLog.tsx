import { useState } from 'react';
import { eventKindLabels } from '../../../shared/monitor/failover-log';
import { Button } from '../components/Button';
import { invoke } from '../ipc/client';
import { selectSite, useSitesStore } from '../stores/sites-store';
import { selectLog, useMonitorStore } from './monitor-store';
import { formatDateTime } from './monitor-text';

/** Hands the CSV to the browser (or Electron's) download, named for the site and the day. */
function save(csv: string, siteName: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${siteName.replace(/[\\/:*?"<>|]+/g, '-')} failover log ${new Date().toISOString().slice(0, 10)}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The site's failovers, link downs and ups and priority changes, newest first, as kept on disk. */
export function FailoverLog({ siteId }: { siteId: string }) {
  const entries = useMonitorStore(selectLog(siteId));
  const siteName = useSitesStore((s) => selectSite(siteId)(s)?.name ?? 'site');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const exportCsv = async () => {
    setBusy(true);
    try {
      save(await invoke('monitor.exportLog', { siteId }), siteName);
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
          <table className="failover-log-table" aria-label="Failover log">
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
