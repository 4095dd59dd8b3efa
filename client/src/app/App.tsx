import { lazy, Suspense, useEffect } from 'react';
import { LoginForm } from '../features/auth/LoginForm.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { useSignInText } from '../i18n/signInText.js';
import { onUnauthenticated } from '../lib/api.js';

// The signed-in app (lists, panels, the socket) is a chunk of its own, and so is i18next with the shell's
// strings: on a slow link the sign-in form shows without waiting for them. They are fetched while the form
// is on screen, so signing in does not wait either.
const loadShell = () =>
  Promise.all([
    import('./Shell.js'),
    import('../i18n/index.js').then((i18n) =>
      i18n.initI18n().then(() => i18n.loadNamespaces(i18n.SHELL_NAMESPACES)),
    ),
  ]).then(([m]) => m);
const Shell = lazy(() => loadShell().then((m) => ({ default: m.Shell })));

export function App() {
  const t = useSignInText();
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
