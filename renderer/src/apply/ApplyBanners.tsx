import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { invoke } from '../ipc/client';
import { selectApply, useApplyStore } from './apply-store';
import { changesText, formatTime, reportLine, stepLabels } from './apply-text';
import { GrantGraceWarning } from './GrantGraceWarning';

/**
 * Where the site's changes stand: one being applied, one the session was lost in (and when the
 * router will undo it), what Uplink found when it got back, and the last request's failure.
 */
export function ApplyBanners({ siteId }: { siteId: string }) {
  const { applying, interrupted, notice, report, safeMode } = useApplyStore(selectApply(siteId)) ?? {};
  const dismissNotice = () => void invoke('apply.dismissNotice', { siteId }).catch(() => undefined);
  return (
    <>
      {!applying && <GrantGraceWarning siteId={siteId} />}
      {applying && (
        <Banner tone="info" title={`Applying “${applying.summary}”`}>
          Uplink is {stepLabels[applying.step]}. The safety net undoes the change after{' '}
          {applying.graceSeconds} s if the router stops answering.
        </Banner>
      )}
      {interrupted && !applying && (
        <Banner tone="warning" title="Waiting to reach the router">
          The connection was lost during “{interrupted.summary}”. Unless Uplink reaches the router first, the
          router puts the previous settings back by itself at {formatTime(interrupted.restoresAt)} (
          {interrupted.graceSeconds} s after the change started).
        </Banner>
      )}
      {safeMode?.restoresAt && (
        <Banner tone="warning" title="Safe Mode: waiting to reach the router">
          Unless Uplink reaches the router first, the router puts back the {changesText(safeMode.changes)}{' '}
          made in Safe Mode by itself at about {formatTime(safeMode.restoresAt)}.
        </Banner>
      )}
      {notice && (
        <Banner
          tone={notice.level}
          title={`At ${formatTime(notice.at)}`}
          actions={
            <Button size="small" onClick={dismissNotice}>
              Dismiss
            </Button>
          }
        >
          {notice.message}
        </Banner>
      )}
      {report && (
        <Banner
          tone={report.link && !report.link.holds ? 'warning' : 'info'}
          title="Last change"
          actions={
            <Button size="small" onClick={dismissNotice}>
              Dismiss
            </Button>
          }
        >
          {reportLine(report)}
        </Banner>
      )}
    </>
  );
}
