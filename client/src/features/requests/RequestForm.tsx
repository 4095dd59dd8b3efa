import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { opensRequest } from '../../../../shared/domain/permissions.js';
import { REQUEST_KINDS, REQUEST_PRIORITIES, SECTORS, type ChecklistKey } from '../../../../shared/enums.js';
import { LIMITS } from '../../../../shared/limits.js';
import type { CoordinationRequest, RequestCreate } from '../../../../shared/schemas/requests.js';
import { useNavStore } from '../../app/navStore.js';
import { api } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';
import { ProvinceSelect } from '../areas/ProvinceSelect.js';
import { useAuthStore } from '../auth/authStore.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { Choice } from '../shelters/Choice.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { GAP_PRIORITY, GAP_REQUEST_KIND } from './prefill.js';
import { useRequestStore } from './requestStore.js';

type Kind = (typeof REQUEST_KINDS)[number];
type Priority = (typeof REQUEST_PRIORITIES)[number];
type Sector = (typeof SECTORS)[number];

/**
 * Open a coordination request. From a shelter's checklist gap it comes pre-filled: kind, title,
 * the shelter, urgent, addressed to the GBV sector. Free text is screened by the server: a phone
 * or ID-card number is refused with its reason, shown here.
 */
export function RequestForm(props: {
  shelterId?: string | null;
  checklistItem?: ChecklistKey | null;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const me = useAuthStore((s) => s.me);
  const shelters = useShelterStore((s) => s.byId);
  const orgs = useOrganisationStore((s) => s.byId);
  const upsert = useRequestStore((s) => s.upsert);
  const open = useNavStore((s) => s.open);
  const close = useNavStore((s) => s.close);
  const item = props.checklistItem ?? null;
  const [shelterId, setShelterId] = useState<string | null>(props.shelterId ?? null);
  const shelter = shelterId ? shelters[shelterId] : undefined;
  const [kind, setKind] = useState<Kind>(item ? GAP_REQUEST_KIND[item] : 'dignity_kits');
  const [title, setTitle] = useState(() =>
    item && shelter ? t('requests.gapTitle', { item: t(`checklist.${item}`), shelter: shelter.name }) : '',
  );
  const [toOrgId, setToOrgId] = useState<string>('');
  const [toSector, setToSector] = useState<Sector | ''>('gbv');
  const [priority, setPriority] = useState<Priority>(item ? GAP_PRIORITY : 'routine');
  const [quantity, setQuantity] = useState('');
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CoordinationRequest | null>(null);
  const orgList = useMemo(() => Object.values(orgs).sort((a, b) => a.name.localeCompare(b.name)), [orgs]);
  const ownShelters = useMemo(
    () =>
      Object.values(shelters)
        .filter((s) => !!me && opensRequest(me, { shelter: s }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [shelters, me],
  );
  if (!me) return null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const q = quantity.trim() === '' ? null : Number(quantity);
    if (q !== null && (!Number.isInteger(q) || q < 1)) return setError(t('requests.badQuantity'));
    const body: RequestCreate = {
      kind,
      title: title.trim(),
      toOrgId: toOrgId || null,
      toSector: toSector || null,
      shelterId,
      priority,
      quantity: q,
      ...(shelterId ? {} : provinceCode ? { provinceCode } : {}),
      ...(message.trim() ? { message: message.trim() } : {}),
    };
    setBusy(true);
    const r = await api.post<CoordinationRequest>('/api/requests', body);
    setBusy(false);
    if (!r.ok) return setError(errorText(t, r.error));
    upsert(r.data);
    if (props.onDone) setDone(r.data);
    else open({ kind: 'request', id: r.data.id });
  };

  if (done)
    return (
      <div className="alert alert--ok" role="status" data-testid="rf-sent">
        <p>{t('requests.sent', { title: done.title })}</p>
        <button type="button" className="btn" onClick={props.onDone}>
          {t('panel.close')}
        </button>
      </div>
    );

  return (
    <form className="qform" onSubmit={(e) => void onSubmit(e)} data-testid="request-form">
      <h3>{item ? t('requests.fromGap') : t('requests.new')}</h3>
      <label className="field">
        <span>{t('requests.kind')}</span>
        <select data-testid="rf-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`requestKind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('requests.titleLabel')}</span>
        <input
          data-testid="rf-title"
          required
          maxLength={LIMITS.nameMax}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </label>
      {!props.shelterId && (
        <label className="field">
          <span>{t('requests.shelter')}</span>
          <select
            data-testid="rf-shelter"
            value={shelterId ?? ''}
            onChange={(e) => setShelterId(e.target.value || null)}
          >
            <option value="">{t('requests.noShelter')}</option>
            {ownShelters.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {!shelterId && (
        <ProvinceSelect
          label={t('panel.province')}
          value={provinceCode}
          onChange={setProvinceCode}
          allowed={me.scope}
          required
          testId="rf-province"
        />
      )}
      <div className="qform__numbers">
        <label className="field">
          <span>{t('requests.toSector')}</span>
          <select
            data-testid="rf-sector"
            value={toSector}
            onChange={(e) => setToSector(e.target.value as Sector | '')}
          >
            <option value="">—</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`sector.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('requests.toOrg')}</span>
          <select data-testid="rf-org" value={toOrgId} onChange={(e) => setToOrgId(e.target.value)}>
            <option value="">—</option>
            {orgList.map((o) => (
              <option key={o.id} value={o.id}>
                {o.acronym ? `${o.acronym} – ${o.name}` : o.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Choice
        name="rf-priority"
        label={t('requests.priority')}
        value={priority}
        options={REQUEST_PRIORITIES}
        labelOf={(v) => t(`priority.${v}`)}
        onChange={setPriority}
        testId="rf-priority"
      />
      <label className="field">
        <span>{t('requests.quantity')}</span>
        <input
          inputMode="numeric"
          data-testid="rf-quantity"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('requests.firstMessage')}</span>
        <textarea
          data-testid="rf-message"
          rows={3}
          maxLength={LIMITS.messageMax}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        <small className="muted">{t('requests.noPersonal')}</small>
      </label>
      {error && (
        <p className="alert alert--error" role="alert" data-testid="rf-error">
          {error}
        </p>
      )}
      <div className="qform__actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={busy || (!toOrgId && !toSector)}
          data-testid="rf-save"
        >
          {busy ? t('form.saving') : t('requests.send')}
        </button>
        <button type="button" className="btn" onClick={props.onDone ?? close}>
          {t('create.cancel')}
        </button>
      </div>
    </form>
  );
}
