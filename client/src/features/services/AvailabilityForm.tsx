import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NEED_LEVELS,
  SERVICE_REASONS,
  SERVICE_STATUSES,
  STOCK_ITEMS,
  type ServiceStatus,
  type StockItem,
} from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { AvailabilityPost, ServicePoint, Stock } from '../../../../shared/schemas/services.js';
import { api } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';
import { Choice } from '../shelters/Choice.js';
import { useServiceStore } from './serviceStore.js';

type Level = (typeof NEED_LEVELS)[number];
type StockDraft = Record<StockItem, { on: boolean; quantity: string; level: Level }>;

function stockDraft(s: Stock | null): StockDraft {
  return Object.fromEntries(
    STOCK_ITEMS.map((k) => {
      const e = s?.[k];
      return [k, { on: !!e, quantity: String(e?.quantity ?? 0), level: e?.level ?? 'ok' }];
    }),
  ) as StockDraft;
}

/** ISO time to the value of a datetime-local input, in local time. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * A provider (or a GBV coordinator) posts availability: status, reasons, expected restore, stock of
 * the time-critical supplies, free safe-house beds, whether the hotline works. Each post is a
 * timestamped row; the history keeps them all.
 */
export function AvailabilityForm({ service: s }: { service: ServicePoint }) {
  const { t } = useTranslation();
  const upsert = useServiceStore((st) => st.upsert);
  const av = s.availability;
  const [status, setStatus] = useState<ServiceStatus>(av.status);
  const [reasons, setReasons] = useState<readonly string[]>(av.reasons);
  const [restore, setRestore] = useState(toLocalInput(av.expectedRestoreAt));
  const [stock, setStock] = useState<StockDraft>(() => stockDraft(av.stock));
  const [beds, setBeds] = useState(av.safeHouseBeds === null ? '' : String(av.safeHouseBeds));
  const [hotline, setHotline] = useState(av.hotlineWorking ?? true);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const stocked = av.stock !== null || s.types.includes('health_cmr') || s.types.includes('dignity_kits');
  const safeHouse = s.types.includes('safe_house');
  const isHotline = s.types.includes('hotline');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body: AvailabilityPost = {
      version: s.version,
      status,
      reasons: reasons as AvailabilityPost['reasons'],
      expectedRestoreAt: restore ? new Date(restore).toISOString() : null,
    };
    if (stocked) {
      const out: Stock = {};
      for (const k of STOCK_ITEMS) {
        const d = stock[k];
        if (!d.on) continue;
        const q = Number(d.quantity);
        if (!Number.isInteger(q) || q < 0) {
          setNotice({ tone: 'error', text: t('availability.badQuantity', { item: t(`stock.${k}`) }) });
          return;
        }
        out[k] = { quantity: q, level: d.level };
      }
      body.stock = out;
    }
    if (safeHouse && beds.trim() !== '') body.safeHouseBeds = Number(beds);
    if (isHotline) body.hotlineWorking = hotline;
    if (note.trim()) body.note = note.trim();
    setBusy(true);
    setNotice(null);
    const r = await api.post<ServicePoint>(`/api/services/${encodeURIComponent(s.id)}/availability`, body);
    setBusy(false);
    if (r.ok) {
      upsert(r.data);
      setNote('');
      setNotice({ tone: 'ok', text: t('availability.saved') });
    } else if (r.status === 409 && r.error.code === 'conflict') {
      const current = r.error.current as ServicePoint | undefined;
      if (current) upsert(current);
      setNotice({ tone: 'error', text: t('availability.conflict') });
    } else setNotice({ tone: 'error', text: errorText(t, r.error) });
  };

  return (
    <form className="qform" onSubmit={(e) => void onSubmit(e)} data-testid="availability-form">
      <h3>{t('availability.title')}</h3>
      <Choice
        name="svc-status"
        label={t('services.availability')}
        value={status}
        options={SERVICE_STATUSES}
        labelOf={(v) => t(`serviceStatus.${v}`)}
        onChange={setStatus}
        testId="av-status"
      />
      {status !== 'open' && (
        <fieldset className="checks">
          <legend>{t('availability.reasons')}</legend>
          {SERVICE_REASONS.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={reasons.includes(r)}
                onChange={(e) =>
                  setReasons(e.target.checked ? [...reasons, r] : reasons.filter((x) => x !== r))
                }
              />
              {t(`serviceReason.${r}`)}
            </label>
          ))}
        </fieldset>
      )}
      {status !== 'open' && (
        <label className="field">
          <span>{t('services.expectedRestore')}</span>
          <input type="datetime-local" value={restore} onChange={(e) => setRestore(e.target.value)} />
        </label>
      )}
      {stocked && (
        <fieldset className="stock-edit">
          <legend>{t('services.stock')}</legend>
          {STOCK_ITEMS.map((k) => (
            <div key={k} className="stock-edit__row">
              <label className="check">
                <input
                  type="checkbox"
                  checked={stock[k].on}
                  onChange={(e) => setStock({ ...stock, [k]: { ...stock[k], on: e.target.checked } })}
                />
                {t(`stock.${k}`)}
              </label>
              {stock[k].on && (
                <>
                  <input
                    aria-label={t('availability.quantity')}
                    inputMode="numeric"
                    className="stock-edit__qty"
                    data-testid={`av-stock-${k}`}
                    value={stock[k].quantity}
                    onChange={(e) => setStock({ ...stock, [k]: { ...stock[k], quantity: e.target.value } })}
                  />
                  <select
                    aria-label={t('availability.level')}
                    value={stock[k].level}
                    data-testid={`av-level-${k}`}
                    onChange={(e) =>
                      setStock({ ...stock, [k]: { ...stock[k], level: e.target.value as Level } })
                    }
                  >
                    {NEED_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {t(`needLevel.${l}`)}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {safeHouse && (
        <label className="field">
          <span>{t('services.beds')}</span>
          <input inputMode="numeric" value={beds} onChange={(e) => setBeds(e.target.value)} />
        </label>
      )}
      {isHotline && (
        <label className="check">
          <input type="checkbox" checked={hotline} onChange={(e) => setHotline(e.target.checked)} />
          {t('services.hotlineUp')}
        </label>
      )}
      <label className="field">
        <span>{t('services.note')}</span>
        <input maxLength={LIMITS.shortTextMax} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {notice && (
        <p className={`alert alert--${notice.tone}`} role="status" data-testid="av-notice">
          {notice.text}
        </p>
      )}
      <div className="qform__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="av-save">
          {busy ? t('form.saving') : t('availability.save')}
        </button>
      </div>
    </form>
  );
}
