import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '../features/auth/LoginForm.js';
import { useAuthStore } from '../features/auth/authStore.js';
import { onUnauthenticated } from '../lib/api.js';
import { Shell } from './Shell.js';

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

  if (status === 'checking') {
    return (
      <p className="splash" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (status === 'signed_out' || !me) return <LoginForm />;
  return <Shell key={me.id} me={me} />;
}
