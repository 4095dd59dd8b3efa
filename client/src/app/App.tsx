import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '../features/auth/LoginForm.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { SHELL_NAMESPACES, withNamespaces } from '../i18n/index.js';
import { onUnauthenticated } from '../lib/api.js';

// The signed-in app (lists, panels, the socket) is a chunk of its own: on a slow link the sign-in form
// shows without waiting for it. It is fetched while the form is on screen, so signing in does not wait either.
const loadShell = () => withNamespaces(() => import('./Shell.js'), SHELL_NAMESPACES);
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

export function App() {
  const { t } = useTranslation();
  const status = useAuthStore((s) => s.status);
  const me = useAuthStore((s) => s.me);

  useEffect(() => {
    void useAuthStore.getState().check();
    return onUnauthenticated(() => {
      if (useAuthStore.getState().status === 'signed_in') useAuthStore.getState().expire();
    });
  }, []);

  useEffect(() => {
    if (status !== 'signed_out') return;
    const id = setTimeout(() => void loadShell().catch(() => undefined), 0);
    return () => clearTimeout(id);
  }, [status]);

  const splash = (
    <p className="splash" role="status">
      {t('app.loading')}
    </p>
  );
  if (status === 'checking') return splash;
  if (status === 'signed_out' || !me) return <LoginForm />;
  return (
    <Suspense fallback={splash}>
      <Shell key={me.id} me={me} />
    </Suspense>
  );
}
