import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import type { User } from '../../../../shared/schemas/auth.js';
import { errorText } from '../../lib/errorText.js';
import { adminApi } from './api.js';

/** The user's SMS number (admin only): shown and changed in place; the server stores it as E.164. */
export function UserPhone({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(user.phone ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const phone = value.trim() || null;
    const r = await adminApi.patchUser(user.id, { phone });
    if (!r.ok) return setError(errorText(t, r.error));
    setValue(r.data.phone ?? '');
    onSaved(r.data);
  };
  return (
    <form className="inline-form" onSubmit={(e) => void save(e)} data-testid="admin-user-phone">
      <input
        type="tel"
        aria-label={t('admin.phone')}
        title={t('admin.phoneHint')}
        placeholder="+84…"
        maxLength={LIMITS.phoneMax}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn btn--small" disabled={value.trim() === (user.phone ?? '')}>
        {t('admin.savePhone')}
      </button>
      {error && (
        <span className="alert alert--error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
