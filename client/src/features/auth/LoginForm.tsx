import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { LIMITS } from '../../../../shared/limits.js';
import type { LoginSchema } from '../../../../shared/schemas/auth.js';
import { LanguageSwitcher } from '../../app/LanguageSwitcher.js';
import { useSignInText } from '../../i18n/signInText.js';
import { Field } from '../../lib/forms/Field.js';
import { FormError } from '../../lib/forms/FormError.js';
import { useAuthStore } from './authStore.js';

type Login = z.infer<typeof LoginSchema>;

// The shared schema (and zod with it, about 27 KB gzip) is fetched once the form is drawn, not before:
// the form is usable while it comes, and the signed-in shell needs it next anyway.
const loginSchema = () => import('../../../../shared/schemas/auth.js').then((m) => m.LoginSchema);

/**
 * The sign-in screen. A sign-in the shared schema refuses is answered as the server would: bad credentials.
 * Two fields need no form library: react-hook-form (about 12 KB gzip with its resolver) stays out of
 * what a phone loads before the list, and comes with the first form that needs it. Nor does it need
 * i18next: its strings are drawn by i18n/signInText.ts, and i18next comes with the signed-in app.
 */
export function LoginForm() {
  const t = useSignInText();
  const login = useAuthStore((s) => s.login);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A failed fetch is retried on submit, which says so.
    loginSchema().catch(() => undefined);
  }, []);

  const onValid = async (body: Login) => {
    setBusy(true);
    const r = await login(body.username, body.password);
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
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          setError(null);
          const data = new FormData(e.currentTarget);
          const typed = { username: data.get('username') ?? '', password: data.get('password') ?? '' };
          loginSchema().then(
            (schema) => {
              const parsed = schema.safeParse(typed);
              if (parsed.success) void onValid(parsed.data);
              else setError(t('auth.bad'));
            },
            // The schema's chunk did not come: no link, as a sign-in sent now would find.
            () => setError(t('auth.offline')),
          );
        }}
        data-testid="login-form"
        noValidate
      >
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('app.subtitle')}</p>
        <h2>{t('auth.title')}</h2>
        <Field label={t('auth.username')}>
          <input
            data-testid="login-username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={LIMITS.usernameMax}
            name="username"
          />
        </Field>
        <Field label={t('auth.password')}>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={LIMITS.passwordMax}
            name="password"
          />
        </Field>
        <FormError testId="login-error">{error}</FormError>
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
