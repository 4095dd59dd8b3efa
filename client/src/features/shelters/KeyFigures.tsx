import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isOpenRequest } from '../../../../shared/domain/requestWorkflow.js';
import { useListFilter } from '../../app/filterStore.js';
import { useFormat } from '../../lib/format.js';
import { useNow } from '../../lib/useNow.js';
import { computeFigures } from './figures.js';
import { matchesFilter } from './filters.js';
import { useShelterStore } from './shelterStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { useRequestStore } from '../requests/requestStore.js';
import { isServiceDown } from '../services/filters.js';
import { useServiceStore } from '../services/serviceStore.js';
import { useDomainsLoaded } from '../../app/domainLoad.js';

/**
 * People sheltered, shelters full, stale reports over the shelters the filters leave; services
 * down and open requests (for roles that read requests) in the province chosen. A figure whose
 * domain has not arrived yet (the snapshot comes in parts) is a grey block, never a false 0.
 */
export function KeyFigures() {
  const { t } = useTranslation();
  const f = useFormat();
  const byId = useShelterStore((s) => s.byId);
  const { filter, province } = useListFilter('shelters');
  const now = useNow();
  const role = useAuthStore((s) => s.me?.role);
  const servicesIn = useDomainsLoaded('services');
  const requestsIn = useDomainsLoaded('requests');
  const servicesDown = useServiceStore(
    (s) =>
      Object.values(s.byId).filter((x) => (!province || x.provinceCode === province) && isServiceDown(x))
        .length,
  );
  const openRequests = useRequestStore(
    (s) =>
      Object.values(s.byId).filter(
        (x) => (!province || x.provinceCode === province) && isOpenRequest(x.status),
      ).length,
  );
  const figures = useMemo(
    () =>
      computeFigures(
        Object.values(byId).filter((s) => matchesFilter(s, filter, province)),
        new Date(now),
      ),
    [byId, filter, province, now],
  );
  const items = [
    { key: 'peopleSheltered', value: figures.peopleSheltered, tone: '' },
    { key: 'sheltersOpen', value: figures.sheltersOpen, tone: '' },
    {
      key: 'sheltersFull',
      value: figures.sheltersFull,
      tone: figures.sheltersFull > 0 ? 'figure--alert' : '',
    },
    {
      key: 'sheltersStale',
      value: figures.sheltersStale,
      tone: figures.sheltersStale > 0 ? 'figure--warn' : '',
    },
    {
      key: 'servicesDown',
      value: servicesIn ? servicesDown : null,
      tone: servicesDown > 0 ? 'figure--alert' : '',
    },
    ...(role && role !== 'viewer'
      ? [{ key: 'openRequests', value: requestsIn ? openRequests : null, tone: '' } as const]
      : []),
  ] as const;
  return (
    <section className="figures" aria-label={t('figures.title')} data-testid="key-figures">
      {items.map((i) =>
        i.value === null ? (
          <div key={i.key} className="figure" data-testid={`figure-${i.key}`} aria-busy="true">
            <span className="figure__value skeleton__block" data-testid="figure-loading">
              <span className="sr-only">{t('app.loadingData')}</span>
            </span>
            <span className="figure__label">{t(`figures.${i.key}`)}</span>
          </div>
        ) : (
          <div
            key={i.key}
            className={`figure ${i.tone}`}
            data-testid={`figure-${i.key}`}
            data-value={i.value}
          >
            <span className="figure__value">{f.number(i.value)}</span>
            <span className="figure__label">{t(`figures.${i.key}`)}</span>
          </div>
        ),
      )}
    </section>
  );
}
