import { useEffect } from 'react';
import { on } from '../ipc/client';
import { useAppStore } from '../stores/app-store';
import { useConnectionStore } from '../stores/connection-store';
import { ConnectionBanner } from './ConnectionBanner';
import { StatusBar } from './StatusBar';

export function App() {
  const load = useAppStore((s) => s.load);
  const setClosing = useConnectionStore((s) => s.setClosing);

  useEffect(() => {
    void load();
    return on('app.closing', ({ reason }) => setClosing(reason));
  }, [load, setClosing]);

  return (
    <div className="app">
      <ConnectionBanner />
      <div className="app-body">
        <nav className="sidebar" aria-label="Sites">
          <h2 className="sidebar-title">Sites</h2>
        </nav>
        <main className="workspace">
          <div className="empty-state">
            <h1>Uplink</h1>
            <p>Keep MikroTik routers online over several internet links.</p>
          </div>
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
