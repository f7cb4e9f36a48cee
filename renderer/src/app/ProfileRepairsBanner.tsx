import { useState } from 'react';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { useAppStore } from '../stores/app-store';

/** Says which profile file this start set aside because it could not be read, and what was kept. */
export function ProfileRepairsBanner() {
  const repairs = useAppStore((s) => s.info?.profileRepairs);
  const [dismissed, setDismissed] = useState(false);
  if (!repairs || repairs.length === 0 || dismissed) return null;
  return (
    <Banner
      tone="warning"
      flush
      title={
        repairs.length === 1
          ? `${repairs[0]?.file} could not be read and was set aside`
          : `${repairs.length} profile files could not be read and were set aside`
      }
      actions={
        <Button size="small" onClick={() => setDismissed(true)}>
          Dismiss
        </Button>
      }
    >
      {repairs.map((repair) => (
        <p key={repair.file}>
          <span className="mono">{repair.file}</span> ({repair.reason}) is now{' '}
          <span className="mono">{repair.movedTo}</span>. {repair.kept}
        </p>
      ))}
    </Banner>
  );
}
