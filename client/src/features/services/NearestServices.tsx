import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_TYPES, type ServiceType } from '../../../../shared/enums.js';
import type { NearestService } from '../../../../shared/schemas/services.js';
import { useNavStore } from '../../app/navStore.js';
import { serviceApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { LastConfirmed, Phone, PositionNote, ServiceName, ServiceStatusBadge } from './ServiceBits.js';
import '../../app/screens.css';

type Answer = { key: string } & ({ kind: 'ok'; items: NearestService[] } | { kind: 'error'; text: string });
type State = { kind: 'loading' } | Answer;

/**
 * The open or limited services of a chosen type nearest to a shelter, from GET /api/services/nearest:
 * distance, status, last confirmation and contact. Works from the list alone, on a phone, without the map.
 */
export function NearestServices({ shelterId }: { shelterId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useNow();
  const open = useNavStore((s) => s.open);
  const [type, setType] = useState<ServiceType>('health_cmr');
  const key = `${shelterId}|${type}`;
  const [answer, setAnswer] = useState<Answer | null>(null);
  // An answer for another shelter or type is not shown: the list is loading again.
  const state: State = answer && answer.key === key ? answer : { kind: 'loading' };

  useEffect(() => {
    const ctl = new AbortController();
    void serviceApi.nearest({ shelterId, type, limit: 8 }, { signal: ctl.signal }).then((r) => {
      if (ctl.signal.aborted) return;
      setAnswer(
        r.ok ? { key, kind: 'ok', items: r.data } : { key, kind: 'error', text: errorText(t, r.error) },
      );
    });
    return () => ctl.abort();
  }, [key, shelterId, type, t]);

  return (
    <section className="nearest" data-testid="nearest-services" data-state={state.kind} aria-live="polite">
      <label className="field">
        <span>{t('nearest.type')}</span>
        <select
          data-testid="nearest-type"
          value={type}
          onChange={(e) => setType(e.target.value as ServiceType)}
        >
          {SERVICE_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`serviceType.${x}`)}
            </option>
          ))}
        </select>
      </label>
      {state.kind === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state.kind === 'error' && <p className="alert alert--error">{state.text}</p>}
      {state.kind === 'ok' && state.items.length === 0 && (
        <p className="muted" data-testid="nearest-empty">
          {t('nearest.none')}
        </p>
      )}
      {state.kind === 'ok' && state.items.length > 0 && (
        <ol className="nearest__items" data-testid="nearest-list" data-type={type}>
          {state.items.map(({ service: s, distanceKm }) => (
            <li
              key={s.id}
              className="nearest__item"
              data-testid="nearest-item"
              data-service-id={s.id}
              data-distance={distanceKm ?? ''}
              data-status={s.availability.status}
            >
              <div className="nearest__head">
                <button
                  type="button"
                  className="btn--link nearest__name"
                  onClick={() => open({ kind: 'service', id: s.id })}
                >
                  <ServiceName s={s} />
                </button>
                <strong className="nearest__dist" data-testid="nearest-distance">
                  {distanceKm === null
                    ? t('nearest.noDistance')
                    : t('nearest.km', { km: f.number(distanceKm) })}
                </strong>
              </div>
              <div className="nearest__meta">
                <ServiceStatusBadge status={s.availability.status} /> <LastConfirmed s={s} now={now} />
              </div>
              <div className="nearest__meta">
                {/* A hidden position already reads "reach through the hotline" in place of the distance. */}
                {s.positionShown === 'commune' && <PositionNote s={s} />} <Phone phone={s.contactPhone} />{' '}
                {s.open24h ? t('services.open24h') : s.hours}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
