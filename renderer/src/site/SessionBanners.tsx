import { describeProblem } from '../../../shared/sessions/session-problem';
import type { SessionState, TrustPrompt } from '../../../shared/sessions/session-state';
import type { Site } from '../../../shared/sites/site';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { useNow } from '../components/use-now';
import { isSessionActive } from '../sites/session-text';
import { useSessionsStore } from '../stores/sessions-store';
import { useSiteDialogsStore } from '../stores/site-dialogs-store';

/**
 * What the technician must know about the session before anything else: a key to decide on, a
 * failure with its next step, a reconnect in progress, a read-only grant.
 */
export function SessionBanners({ site, session }: { site: Site; session: SessionState }) {
  const requestError = useSessionsStore((s) => s.requestErrors[site.id]);
  const pending = useSessionsStore((s) => s.pending[site.id]);
  const open = useSessionsStore((s) => s.open);
  const openEdit = useSiteDialogsStore((s) => s.openEdit);
  const error = session.error ?? requestError;
  // While a session is (re)connecting, its last error belongs to the reconnect banner.
  const settled = !isSessionActive(session.status);
  const problem = settled ? describeProblem(session, error) : null;

  const banners = [
    session.trustPrompt && <TrustBanner key="trust" site={site} prompt={session.trustPrompt} />,
    problem && (
      <Banner
        key="problem"
        tone={session.status === 'expired' ? 'warning' : 'error'}
        title={problem.title}
        actions={
          problem.action === 'edit' ? (
            <Button size="small" icon="edit" onClick={() => openEdit(site.id)}>
              Edit site
            </Button>
          ) : (
            <Button size="small" icon="refresh" busy={pending === 'open'} onClick={() => void open(site.id)}>
              Try again
            </Button>
          )
        }
      >
        {problem.detail && <p className="problem-detail">{problem.detail}</p>}
        {problem.nextStep && <p className="problem-next">{problem.nextStep}</p>}
      </Banner>
    ),
    session.status === 'reconnecting' && <ReconnectingBanner key="reconnecting" session={session} />,
    (session.readOnly || site.readOnly) && (
      <Banner
        key="read-only"
        tone="info"
        live="none"
        title="Read-only access: this grant lets you look at the router, not change it."
      />
    ),
  ].filter(Boolean);

  if (banners.length === 0) return null;
  return <div className="session-banners">{banners}</div>;
}

function ReconnectingBanner({ session }: { session: SessionState }) {
  const next = session.nextAttemptAt ? Date.parse(session.nextAttemptAt) : Number.NaN;
  const now = useNow(1000, !Number.isNaN(next));
  const seconds = Number.isNaN(next) ? null : Math.max(0, Math.ceil((next - now) / 1000));
  return (
    <Banner tone="warning" title="Connection lost. Reconnecting…">
      {session.attempt !== undefined && `Attempt ${session.attempt}. `}
      {seconds === null ? null : seconds > 0 ? `Next try in ${seconds} s.` : 'Trying now…'}
      {session.error && <span className="muted"> ({session.error.message})</span>}
    </Banner>
  );
}

const trustWords: Record<TrustPrompt['kind'], { thing: string; check: string }> = {
  'ssh-host-key': {
    thing: 'SSH host key',
    check: 'Compare it with the router’s own (on its console: /ip ssh print).',
  },
  'tls-certificate': {
    thing: 'certificate',
    check: 'Compare it with the router’s own (on its console: /certificate print detail).',
  },
};

function TrustBanner({ site, prompt }: { site: Site; prompt: TrustPrompt }) {
  const trust = useSessionsStore((s) => s.trust);
  const pending = useSessionsStore((s) => s.pending[site.id]);
  const words = trustWords[prompt.kind];
  const changed = prompt.previous !== undefined;
  return (
    <Banner
      // A first key is a question, not a fault; a changed one is a refusal.
      tone={changed ? 'error' : 'info'}
      title={
        changed
          ? `The router’s ${words.thing} has changed`
          : `New ${words.thing}: check it before you trust it`
      }
      actions={
        <Button
          size="small"
          variant={changed ? 'danger' : 'primary'}
          icon="key"
          busy={pending === 'trust'}
          onClick={() => void trust(site.id, prompt.fingerprint)}
        >
          {changed ? 'Trust the new key' : 'Trust and connect'}
        </Button>
      }
    >
      <p>
        {changed
          ? 'Uplink refused to connect: someone may be intercepting the connection. Trust the new one only if the router was reset or its key was regenerated.'
          : `This is the first connection to ${site.name} over ${prompt.kind === 'ssh-host-key' ? 'SSH' : 'API-SSL'}. ${words.check}`}
      </p>
      <dl className="fingerprints">
        {prompt.previous && (
          <>
            <dt>Trusted</dt>
            <dd className="mono">{prompt.previous}</dd>
          </>
        )}
        <dt>{changed ? 'Now' : 'Fingerprint'}</dt>
        <dd className="mono">{prompt.fingerprint}</dd>
      </dl>
    </Banner>
  );
}
