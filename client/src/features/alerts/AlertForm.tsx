import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HAZARDS } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { AlertCreate } from '../../../../shared/schemas/alerts.js';
import { useNavStore } from '../../app/navStore.js';
import { alertApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { ChoiceGroup } from '../../lib/forms/ChoiceGroup.js';
import { useAlertStore } from './alertStore.js';

type Hazard = (typeof HAZARDS)[number];
const LEVELS = ['1', '2', '3', '4', '5'] as const;

function localInput(ms: number): string {
  const d = new Date(ms);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** An operations officer issues a risk alert over provinces: hazard, level, validity, bulletin. Kept short on purpose. */
export function AlertForm() {
  const { t, i18n } = useTranslation();
  const me = useAuthStore((s) => s.me);
  const provinces = useAreaStore((s) => s.provinces);
  const upsert = useAlertStore((s) => s.upsert);
  const open = useNavStore((s) => s.open);
  const close = useNavStore((s) => s.close);
  const [hazard, setHazard] = useState<Hazard>('heavy_rain');
  const [level, setLevel] = useState<(typeof LEVELS)[number]>('3');
  const [title, setTitle] = useState('');
  const [codes, setCodes] = useState<readonly string[]>([]);
  const [from, setFrom] = useState(() => localInput(Date.now()));
  const [to, setTo] = useState(() => localInput(Date.now() + 24 * 3_600_000));
  const [forecast, setForecast] = useState(false);
  const [bulletin, setBulletin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const allowed = provinces
    .filter((p) => me.scope === null || me.scope.includes(p.code))
    .sort((a, b) =>
      areaName(a, i18n.language, a.code).localeCompare(areaName(b, i18n.language, b.code), i18n.language),
    );
  const levels = hazard === 'storm' ? LEVELS.slice(2) : LEVELS;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const body: AlertCreate = {
      hazard,
      level: Number(level),
      title: title.trim(),
      provinceCodes: [...codes],
      communeCodes: [],
      polygon: null,
      storm: null,
      validFrom: new Date(from).toISOString(),
      validTo: new Date(to).toISOString(),
      status: forecast ? 'forecast' : 'active',
      issuer: me.orgName,
      bulletinNumber: bulletin.trim() || null,
    };
    setBusy(true);
    const r = await alertApi.create(body);
    setBusy(false);
    if (!r.ok) return setError(errorText(t, r.error));
    upsert(r.data);
    open({ kind: 'alert', id: r.data.id });
  };

  return (
    <form className="qform" onSubmit={(e) => void onSubmit(e)} data-testid="alert-form">
      <h2>{t('alerts.new')}</h2>
      <label className="field">
        <span>{t('alerts.hazard')}</span>
        <select
          data-testid="af-hazard"
          value={hazard}
          onChange={(e) => {
            const h = e.target.value as Hazard;
            setHazard(h);
            if (h === 'storm' && Number(level) < 3) setLevel('3');
          }}
        >
          {HAZARDS.map((h) => (
            <option key={h} value={h}>
              {t(`hazard.${h}`)}
            </option>
          ))}
        </select>
      </label>
      <ChoiceGroup
        name="af-level"
        label={t('alerts.levelLabel')}
        value={level}
        options={levels}
        labelOf={(v) => v}
        toneOf={(v) => `tone-level-${v}`}
        onChange={setLevel}
        testId="af-level"
      />
      <label className="field">
        <span>{t('alerts.titleLabel')}</span>
        <input
          data-testid="af-title"
          required
          maxLength={LIMITS.nameMax}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      <fieldset className="checks checks--cols">
        <legend>{t('alerts.provinces')}</legend>
        {allowed.map((p) => (
          <label key={p.code} className="check">
            <input
              type="checkbox"
              data-testid={`af-province-${p.code}`}
              checked={codes.includes(p.code)}
              onChange={(e) =>
                setCodes(e.target.checked ? [...codes, p.code] : codes.filter((c) => c !== p.code))
              }
            />
            {areaName(p, i18n.language, p.code)}
          </label>
        ))}
      </fieldset>
      <div className="qform__numbers">
        <label className="field">
          <span>{t('alerts.validFrom')}</span>
          <input type="datetime-local" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('alerts.validTo')}</span>
          <input type="datetime-local" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={forecast} onChange={(e) => setForecast(e.target.checked)} />
        {t('alerts.asForecast')}
      </label>
      <label className="field">
        <span>{t('alerts.bulletin')}</span>
        <input maxLength={40} value={bulletin} onChange={(e) => setBulletin(e.target.value)} />
      </label>
      {error && (
        <p className="alert alert--error" role="alert" data-testid="af-error">
          {error}
        </p>
      )}
      <div className="qform__actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={busy || codes.length === 0}
          data-testid="af-save"
        >
          {t('alerts.issue')}
        </button>
        <button type="button" className="btn" onClick={close}>
          {t('create.cancel')}
        </button>
      </div>
    </form>
  );
}
