import { useState } from 'react';
import type { DraftItem } from '../../../shared/drafts/draft';
import { itemCommand } from '../../../shared/drafts/draft-plan';
import type { PlanEntryView } from '../../../shared/ipc/channels/drafts';
import { toCli } from '../../../shared/routeros/command';
import { copyText, saveFile } from '../app/hand-over';
import { Badge, type Tone } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button, IconButton } from '../components/Button';
import { invoke } from '../ipc/client';
import { formatDateTime } from '../monitor/monitor-text';
import { useNoticesStore } from '../stores/notices-store';
import { selectDraft, useDraftsStore } from './drafts-store';
import '../components/data-table.css';
import './drafts.css';

const routeText = ({ route }: DraftItem) =>
  `${route.dstAddress}${route.comment ? ` (${route.comment})` : ` via ${route.gateway}`}`;

const statusWords: Record<PlanEntryView['status'], { label: string; tone: Tone }> = {
  ready: { label: 'Ready', tone: 'ok' },
  done: { label: 'Already so', tone: 'neutral' },
  conflict: { label: 'Conflict', tone: 'warning' },
  gone: { label: 'Route gone', tone: 'error' },
};

function statusOf(entry: PlanEntryView | undefined) {
  if (entry?.status === 'conflict' && entry.item.resolution) {
    return entry.item.resolution === 'mine'
      ? { label: 'Keeping yours', tone: 'info' as const }
      : { label: 'Keeping the router’s', tone: 'neutral' as const };
  }
  return entry ? statusWords[entry.status] : { label: 'Saved', tone: 'neutral' as const };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A site's draft: every change made offline, what the snapshot had and what the router has now;
 * conflicts to settle; the exact commands Apply runs; export and discard. Nothing reaches the
 * router before Apply.
 */
export function DraftPanel({
  siteId,
  siteName,
  online,
}: {
  siteId: string;
  siteName: string;
  online: boolean;
}) {
  const view = useDraftsStore(selectDraft(siteId));
  const [busy, setBusy] = useState<string | null>(null);
  if (!view || view.items.length === 0) return null;
  const { plan } = view;
  const entries = new Map(plan?.entries.map((entry) => [entry.item.id, entry]));
  const count = `${view.items.length} ${view.items.length === 1 ? 'change' : 'changes'}`;

  const run = async (what: string, action: () => Promise<unknown>) => {
    setBusy(what);
    try {
      await action();
    } catch (error) {
      useNoticesStore.getState().push({ level: 'error', title: what, message: message(error) });
    } finally {
      setBusy(null);
    }
  };
  const exportRsc = () =>
    run('Export .rsc', async () =>
      saveFile(
        await invoke('drafts.exportRsc', { siteId }),
        `${siteName} draft ${new Date().toISOString().slice(0, 10)}.rsc`,
        'text/plain',
      ),
    );

  return (
    <section className="draft-panel" aria-label="Draft">
      <header className="draft-header">
        <div>
          <h2 className="draft-title">Draft: {count} made offline</h2>
          <span className="muted">made on the snapshot of {formatDateTime(view.baseTakenAt)}</span>
        </div>
        <span className="spacer" />
        <Button icon="download" busy={busy === 'Export .rsc'} onClick={exportRsc}>
          Export .rsc
        </Button>
        <Button
          busy={busy === 'Discard draft'}
          onClick={() => run('Discard draft', () => invoke('drafts.discard', { siteId }))}
        >
          Discard all
        </Button>
        {online && (
          <Button
            variant="primary"
            icon="check"
            disabled={!plan || plan.blocked > 0}
            busy={busy === 'Apply the draft'}
            onClick={() => run('Apply the draft', () => invoke('drafts.apply', { siteId }))}
          >
            Apply
          </Button>
        )}
      </header>
      {view.error && <Banner tone="error">{view.error}</Banner>}
      {!online && (
        <p className="muted">
          Saved on this computer. When the site is connected again, Uplink compares the draft with the router
          and shows what Apply will run; nothing is sent before you Apply.
        </p>
      )}
      {plan && plan.blocked > 0 && (
        <Banner
          tone="warning"
          title={`${plan.blocked} ${plan.blocked === 1 ? 'item needs' : 'items need'} your decision`}
        >
          The router changed the same value since the snapshot, or the route is gone. Keep yours or the
          router’s for each conflict, or discard the item; then Apply.
        </Banner>
      )}
      {plan?.sessionReasons && (
        <Banner tone="warning" title="Apply touches the route carrying your session">
          <ul aria-label="Why">
            {plan.sessionReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          It goes as a confirmed apply: if Uplink loses the router, the router puts the previous settings back
          when the grace period ends.
        </Banner>
      )}
      <table className="data-table data-table-framed" aria-label="Draft changes">
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Property</th>
            <th scope="col">Snapshot</th>
            <th scope="col">Draft</th>
            {plan && <th scope="col">Router now</th>}
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {view.items.map((item) => {
            const entry = entries.get(item.id);
            const status = statusOf(entry);
            // A route the draft adds or removes reads as that, not as a property named `route`.
            const what =
              item.property === 'route' ? (item.value === 'present' ? 'added' : 'removed') : item.property;
            const name = `${routeText(item)} ${what}`;
            return (
              <tr key={item.id} aria-label={name}>
                <td className="mono" title={item.group}>
                  {routeText(item)}
                </td>
                <td>{what}</td>
                <td className="mono">{item.base || '—'}</td>
                <td className="mono">{item.value || '—'}</td>
                {plan && <td className="mono">{entry?.live ?? '—'}</td>}
                <td>
                  <Badge tone={status.tone}>{status.label}</Badge>
                </td>
                <td>
                  <div className="draft-actions">
                    {entry?.status === 'conflict' && (
                      <>
                        <Button
                          size="small"
                          aria-pressed={item.resolution === 'mine'}
                          onClick={() =>
                            run('Keep yours', () =>
                              invoke('drafts.resolve', { siteId, itemId: item.id, keep: 'mine' }),
                            )
                          }
                        >
                          Keep mine
                        </Button>
                        <Button
                          size="small"
                          aria-pressed={item.resolution === 'router'}
                          onClick={() =>
                            run('Keep the router’s', () =>
                              invoke('drafts.resolve', { siteId, itemId: item.id, keep: 'router' }),
                            )
                          }
                        >
                          Keep router’s
                        </Button>
                      </>
                    )}
                    <IconButton
                      size="small"
                      icon="copy"
                      label={`Copy ${name} as RouterOS command`}
                      onClick={() =>
                        run('Copy as RouterOS command', () => copyText(toCli(itemCommand(item))))
                      }
                    />
                    <Button
                      size="small"
                      aria-label={`Discard ${name}`}
                      onClick={() =>
                        run('Discard the item', () => invoke('drafts.discard', { siteId, itemId: item.id }))
                      }
                    >
                      Discard
                    </Button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {plan && plan.commands.length > 0 && (
        <details className="draft-commands" open>
          <summary>RouterOS commands Apply runs, as a confirmed apply</summary>
          <figure aria-label="Plan commands">
            <pre>{plan.commands.join('\n')}</pre>
          </figure>
          <Button
            size="small"
            icon="copy"
            onClick={() => run('Copy the commands', () => copyText(plan.commands.join('\n')))}
          >
            Copy commands
          </Button>
        </details>
      )}
    </section>
  );
}
