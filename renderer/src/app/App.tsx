import { useEffect } from 'react';
import { useApplyLive } from '../apply/apply-store';
import { Toasts } from '../components/Toasts';
import { useFailoverLive } from '../failover/use-failover-live';
import { useFleetLive } from '../fleet/use-fleet-live';
import { on } from '../ipc/client';
import { useNotifications } from '../notifications/use-notifications';
import { SiteWorkspace } from '../site/SiteWorkspace';
import { RemoveSiteDialog } from '../sites/RemoveSiteDialog';
import { SiteDialog } from '../sites/SiteDialog';
import { SitesSidebar } from '../sites/SitesSidebar';
import { useAppStore } from '../stores/app-store';
import { useConnectionStore } from '../stores/connection-store';
import { ConnectionBanner } from './ConnectionBanner';
import { ProfileRepairsBanner } from './ProfileRepairsBanner';
import { StatusBar } from './StatusBar';
import { useLiveData } from './use-live-data';
import './app.css';

export function App() {
  const load = useAppStore((s) => s.load);
  const setClosing = useConnectionStore((s) => s.setClosing);
  useLiveData();
  useFailoverLive();
  useApplyLive();
  useFleetLive();
  useNotifications();

  useEffect(() => {
    void load();
    return on('app.closing', ({ reason }) => setClosing(reason));
  }, [load, setClosing]);

  return (
    <div className="app">
      <ConnectionBanner />
      <ProfileRepairsBanner />
      <div className="app-body">
        <SitesSidebar />
        <SiteWorkspace />
      </div>
      <StatusBar />
      <SiteDialog />
      <RemoveSiteDialog />
      <Toasts />
    </div>
  );
}
