import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_AGE_BANDS,
  INCIDENT_SETTINGS,
  INCIDENT_TYPES,
  SURVIVOR_SEXES,
} from '../../../../shared/enums.js';
import type { IncidentReportCreate } from '../../../../shared/schemas/incidents.js';
import { useNavStore } from '../../app/navStore.js';
import { incidentApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { ProvinceSelect } from '../areas/ProvinceSelect.js';
import { useAuthStore } from '../auth/authStore.js';
import { IncidentNote } from './IncidentNote.js';
import { useIncidentStore } from './incidentStore.js';

const GROUPS = [
  ['byType', INCIDENT_TYPES, 'incidentType'],
  ['bySex', SURVIVOR_SEXES, 'sex'],
  ['byAge', INCIDENT_AGE_BANDS, 'ageBand'],
  ['bySetting', INCIDENT_SETTINGS, 'setting'],
] as const;
type Group = (typeof GROUPS)[number][0];

const num = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s.trim()) : 0);

/**
 * A GBV coordinator enters counts for one province and month, never individual cases: each
 * breakdown must sum to the total. Publication is suppressed by the server.
 */
export function IncidentForm() {
  const { t } = useTranslation();
  const me = useAuthStore((s) => s.me);
  const note = useIncidentStore((s) => s.data?.note);
  const close = useNavStore((s) => s.close);
  const [period, setPeriod] = useState(() => new Date().toISOString().slice(0, 7));
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const [total, setTotal] = useState('');
  const [within72h, setWithin72h] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  if (!me) return null;
  const tot = num(total);
  const sumOf = (g: Group, keys: readonly string[]) => keys.reduce((n, k) => n + num(values[`${g}.${k}`]), 0);
  const mismatched = GROUPS.filter(([g, keys]) => sumOf(g, keys) !== tot);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!provinceCode) return setNotice({ tone: 'error', text: t('incidents.needProvince') });
    if (mismatched.length) return setNotice({ tone: 'error', text: t('incidents.sumsOff') });
    const counts = {
      total: tot,
      within72h: num(within72h),
      ...Object.fromEntries(
        GROUPS.map(([g, keys]) => [g, Object.fromEntries(keys.map((k) => [k, num(values[`${g}.${k}`])]))]),
      ),
    } as IncidentReportCreate['counts'];
    setBusy(true);
    setNotice(null);
    const r = await incidentApi.report({ period, provinceCode, counts });
    setBusy(false);
    if (!r.ok) return setNotice({ tone: 'error', text: errorText(t, r.error) });
    setNotice({ tone: 'ok', text: t('incidents.recorded') });
    setTotal('');
    setWithin72h('');
    setValues({});
  };

  return (
    <form className="qform" onSubmit={(e) => void onSubmit(e)} data-testid="incident-form">
      <h2>{t('incidents.enter')}</h2>
      {note && <IncidentNote note={note} />}
      <p className="muted small">{t('incidents.countsOnly')}</p>
      <div className="qform__numbers">
        <label className="field">
          <span>{t('incidents.month')}</span>
          <input
            type="month"
            required
            data-testid="if-period"
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
          />
        </label>
        <ProvinceSelect
          label={t('panel.province')}
          value={provinceCode}
          onChange={setProvinceCode}
          allowed={me.scope}
          required
          testId="if-province"
        />
      </div>
      <div className="qform__numbers">
        <label className="field">
          <span>{t('incidents.total')}</span>
          <input
            inputMode="numeric"
            data-testid="if-total"
            value={total}
            onChange={(e) => setTotal(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('incidents.within72h')}</span>
          <input
            inputMode="numeric"
            data-testid="if-72h"
            value={within72h}
            onChange={(e) => setWithin72h(e.target.value)}
          />
        </label>
      </div>
      {GROUPS.map(([g, keys, label]) => (
        <fieldset key={g} className="counts" aria-invalid={sumOf(g, keys) !== tot}>
          <legend>
            {t(`incidents.${g}`)}{' '}
            <span className={sumOf(g, keys) === tot ? 'muted' : 'warn-text'}>
              {t('incidents.sum', { sum: sumOf(g, keys), total: tot })}
            </span>
          </legend>
          <div className="counts__grid">
            {keys.map((k) => (
              <label key={k} className="field">
                <span>{t(`${label}.${k}`)}</span>
                <input
                  inputMode="numeric"
                  data-testid={`if-${g}-${k}`}
                  value={values[`${g}.${k}`] ?? ''}
                  onChange={(e) => setValues({ ...values, [`${g}.${k}`]: e.target.value })}
                />
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {notice && (
        <p className={`alert alert--${notice.tone}`} role="status" data-testid="if-notice">
          {notice.text}
        </p>
      )}
      <div className="qform__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="if-save">
          {t('incidents.save')}
        </button>
        <button type="button" className="btn" onClick={close}>
          {t('create.cancel')}
        </button>
      </div>
    </form>
  );
}
