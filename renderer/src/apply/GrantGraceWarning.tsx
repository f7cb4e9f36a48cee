import { useState } from 'react';
import { graceWithinGrant } from '../../../shared/sessions/grant-timing';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { useNow } from '../components/use-now';
import { invoke } from '../ipc/client';
import { selectSession, useSessionsStore } from '../stores/sessions-store';
import { useApplyStore } from './apply-store';

/**
 * Before a change is applied over a grant about to end: says when the safety net would outlive the
 * grant, and offers the grace that fits (main refuses the apply otherwise, with the same words).
 */
export function GrantGraceWarning({ siteId }: { siteId: string }) {
  const expiresAt = useSessionsStore(selectSession(siteId))?.expiresAt;
  const graceSeconds = useApplyStore((s) => s.settings?.graceSeconds);
  const now = useNow(1000, expiresAt !== undefined);
  const [saving, setSaving] = useState(false);
  if (graceSeconds === undefined) return null;
  const fit = graceWithinGrant(graceSeconds, expiresAt, now);
  if (fit.fits) return null;
  const shorter = fit.shorterGraceSeconds;
  const takeShorter = async (seconds: number) => {
    setSaving(true);
    try {
      await invoke('apply.setSettings', { graceSeconds: seconds });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Banner
      tone="warning"
      title="The grant ends before the safety net would"
      actions={
        shorter !== undefined && (
          <Button size="small" busy={saving} onClick={() => void takeShorter(shorter)}>
            Use a {shorter}-second grace
          </Button>
        )
      }
    >
      {fit.message}
    </Banner>
  );
}
