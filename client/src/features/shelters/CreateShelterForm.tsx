import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELTER_KINDS, type ShelterStatus } from '../../../../shared/enums.js';
import { LIMITS, VN_BOUNDS } from '../../../../shared/limits.js';
import type { Me } from '../../../../shared/schemas/auth.js';
import type { ShelterCreate } from '../../../../shared/schemas/shelters.js';
import { newIdempotencyKey } from '../../lib/api.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useOutboxStore } from '../outbox/outboxStore.js';
import { ChoiceGroup } from '../../lib/forms/ChoiceGroup.js';
import { shelterPaths } from './api.js';
import { useNavStore } from '../../app/navStore.js';

const START_STATUSES: readonly ShelterStatus[] = ['standby', 'open'];

function parseCoord(text: string, min: number, max: number): number | null {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** An operations officer lists a new shelter. Position starts at the province's label point. */
export function CreateShelterForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const provinces = useAreaStore((s) => s.provinces);
  const submit = useOutboxStore((s) => s.submit);
  const dismiss = useOutboxStore((s) => s.dismiss);
  const open = useNavStore((s) => s.open);
  const close = useNavStore((s) => s.close);
  const allowed = provinces.filter((p) => me.scope === null || me.scope.includes(p.code));

  const [name, setName] = useState('');
  const [kind, setKind] = useState<(typeof SHELTER_KINDS)[number]>('school');
  const [provinceCode, setProvinceCode] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [capacity, setCapacity] = useState('');
  const [status, setStatus] = useState<ShelterStatus>('standby');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'warn' | 'error'; text: string } | null>(null);

  const latN = parseCoord(lat, VN_BOUNDS.minLat, VN_BOUNDS.maxLat);
  const lonN = parseCoord(lon, VN_BOUNDS.minLon, VN_BOUNDS.maxLon);
  const capN =
    /^\d+$/.test(capacity.trim()) && Number(capacity) <= LIMITS.personsMax ? Number(capacity) : null;

  const onProvince = (code: string) => {
    setProvinceCode(code);
    const a = provinces.find((p) => p.code === code);
    if (a?.lat != null && a.lon != null && lat === '' && lon === '') {
      setLat(String(a.lat));
      setLon(String(a.lon));
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = [
      !name.trim() && t('create.name'),
      !provinceCode && t('create.province'),
      latN === null && t('create.lat'),
      lonN === null && t('create.lon'),
      capN === null && t('create.capacity'),
    ].filter(Boolean);
    if (missing.length || latN === null || lonN === null || capN === null) {
      setNotice({ tone: 'error', text: t('form.invalid', { list: missing.join(', ') }) });
      return;
    }
    const body: ShelterCreate = {
      name: name.trim(),
      kind,
      provinceCode,
      lat: latN,
      lon: lonN,
      capacity: capN,
      status,
      occupancy: 0,
      households: 0,
    };
    setBusy(true);
    setNotice(null);
    const key = newIdempotencyKey();
    const r = await submit({
      key,
      method: 'POST',
      path: shelterPaths.create,
      body: { ...body },
      shelterId: null,
    });
    setBusy(false);
    if (r.kind === 'sent') {
      const id = (r.data as { id?: unknown } | null)?.id;
      if (typeof id === 'string') open({ kind: 'shelter', id });
      else close();
    } else if (r.kind === 'queued') {
      setNotice({ tone: 'warn', text: t('form.queued') });
    } else if (r.kind === 'refused') {
      dismiss(key);
      const list = r.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      setNotice({
        tone: 'error',
        text: list ? t('form.invalid', { list }) : t('form.failed', { message: r.error.message }),
      });
    }
  };

  return (
    <form className="qform" onSubmit={(e) => void onSubmit(e)} data-testid="create-shelter-form" noValidate>
      <h2>{t('create.title')}</h2>
      <label className="field">
        <span>{t('create.name')}</span>
        <input
          data-testid="cs-name"
          value={name}
          maxLength={LIMITS.nameMax}
          onChange={(e) => setName(e.target.value)}
          required
        />
      </label>
      <label className="field">
        <span>{t('create.kind')}</span>
        <select data-testid="cs-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {SHELTER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('create.province')}</span>
        <select
          data-testid="cs-province"
          value={provinceCode}
          onChange={(e) => onProvince(e.target.value)}
          required
        >
          <option value="">—</option>
          {allowed.map((a) => (
            <option key={a.code} value={a.code}>
              {areaName(a, i18n.language, a.code)}
            </option>
          ))}
        </select>
      </label>
      <div className="qform__numbers">
        <label className="field">
          <span>{t('create.lat')}</span>
          <input
            data-testid="cs-lat"
            inputMode="decimal"
            aria-invalid={lat !== '' && latN === null}
            value={lat}
            onChange={(e) => setLat(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('create.lon')}</span>
          <input
            data-testid="cs-lon"
            inputMode="decimal"
            aria-invalid={lon !== '' && lonN === null}
            value={lon}
            onChange={(e) => setLon(e.target.value)}
          />
        </label>
      </div>
      <p className="muted small">{t('create.coordsHint')}</p>
      <label className="field">
        <span>{t('create.capacity')}</span>
        <input
          data-testid="cs-capacity"
          inputMode="numeric"
          pattern="[0-9]*"
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
        />
      </label>
      <ChoiceGroup
        name="cs-status"
        label={t('form.status')}
        value={status}
        options={START_STATUSES}
        labelOf={(v) => t(`status.${v}`)}
        onChange={setStatus}
        testId="cs-status"
      />
      {notice && (
        <p className={`alert alert--${notice.tone}`} role="status" data-testid="cs-notice">
          {notice.text}
        </p>
      )}
      <div className="qform__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="cs-submit">
          {busy ? t('form.saving') : t('create.submit')}
        </button>
        <button type="button" className="btn" onClick={close}>
          {t('create.cancel')}
        </button>
      </div>
    </form>
  );
}
