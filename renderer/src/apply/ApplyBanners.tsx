import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { invoke } from '../ipc/client';
import { selectApply, useApplyStore } from './apply-store';
import { formatTime, stepLabels } from './apply-text';
import { GrantGraceWarning } from './GrantGraceWarning';

/**
 * Where the site's changes stand: one being applied, one the session was lost in (and when the
 * router will undo it), what Uplink found when it got back, and the last request's failure.
 */
export function ApplyBanners({
  siteId,
  requestError,
  onDismissError,
}: {
  siteId: string;
  requestError: string | null;
  onDismissError(): void;
}) {
  const { applying, interrupted, notice } = useApplyStore(selectApply(siteId)) ?? {};
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
      {requestError && (
        <Banner
          tone="error"
          actions={
            <Button size="small" onClick={onDismissError}>
              Dismiss
            </Button>
          }
        >
          {requestError}
        </Banner>
      )}
    </>
  );
}
