import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import { LanguageSwitcher } from '../../app/LanguageSwitcher.js';
import { useAuthStore } from './authStore.js';

export function LoginForm() {
  const { t } = useTranslation();
  const login = useAuthStore((s) => s.login);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await login(username.trim(), password);
    setBusy(false);
    if (r.ok) return;
    setError(
      r.reason === 'bad_credentials'
        ? t('auth.bad')
        : r.reason === 'offline'
          ? t('auth.offline')
          : t('auth.failed', { message: r.message }),
    );
  };

  return (
    <main className="login">
      <div className="login__lang">
        <LanguageSwitcher />
      </div>
      <form
        className="login__form card"
        onSubmit={(e) => void onSubmit(e)}
        data-testid="login-form"
        noValidate
      >
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('app.subtitle')}</p>
        <h2>{t('auth.title')}</h2>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={LIMITS.usernameMax}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={LIMITS.passwordMax}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="alert alert--error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="btn btn--primary btn--block"
          disabled={busy}
          data-testid="login-submit"
        >
          {busy ? t('auth.submitting') : t('auth.submit')}
        </button>
        {/* Demo sign-ins are printed by the server at start; only a dev build repeats them here. */}
        {import.meta.env.DEV && <p className="muted small">{t('auth.demoHint')}</p>}
      </form>
    </main>
  );
}
