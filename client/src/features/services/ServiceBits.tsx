import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../app/ui/StatusBadge.js';
import type { ServicePoint } from '../../../../shared/schemas/services.js';
import { useFormat } from '../../lib/format.js';
import { isServiceStale } from './filters.js';
import { SERVICE_STATUS_COLORS, SERVICE_TYPE_MARKS } from './serviceStyle.js';

/** Availability as a coloured badge with its word (colour never carries meaning alone). */
export function ServiceStatusBadge({ status }: { status: ServicePoint['availability']['status'] }) {
  return (
    <StatusBadge
      status={status}
      colors={SERVICE_STATUS_COLORS}
      words="serviceStatus"
      testId="service-status"
    />
  );
}

/** The service's name; a masked safe house shows only as "Safe house" in the reader's language. */
export function ServiceName({ s }: { s: Pick<ServicePoint, 'name' | 'masked'> }) {
  const { t } = useTranslation();
  return <>{s.masked ? t('serviceType.safe_house') : s.name}</>;
}

/** The service's types, each with its map mark. */
export function ServiceTypes({ types }: { types: ServicePoint['types'] }) {
  const { t } = useTranslation();
  return (
    <span className="types">
      {types.map((x) => (
        <span key={x} className="type-tag">
          <span className="type-mark" aria-hidden="true">
            {SERVICE_TYPE_MARKS[x]}
          </span>
          {t(`serviceType.${x}`)}
        </span>
      ))}
    </span>
  );
}

/** Where the service is, as far as the reader may know: hidden ones are reached through the hotline. */
export function PositionNote({ s }: { s: Pick<ServicePoint, 'positionShown'> }) {
  const { t } = useTranslation();
  if (s.positionShown === 'exact') return null;
  return (
    <span className="position-note" data-testid="position-note" data-position={s.positionShown}>
      {s.positionShown === 'hidden' ? t('services.hiddenPosition') : t('services.communePosition')}
    </span>
  );
}

/** Last confirmation, greyed with a badge when older than the 24-hour window. */
export function LastConfirmed({ s, now }: { s: Pick<ServicePoint, 'lastReportedAt'>; now: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const stale = isServiceStale(s.lastReportedAt, now);
  return (
    <span className={stale ? 'stale-text' : undefined} data-stale={stale ? 'true' : 'false'}>
      {stale && <span className="badge badge--stale">{t('list.stale')}</span>}{' '}
      {t('services.confirmed', { when: f.relative(s.lastReportedAt, now) })}
    </span>
  );
}

/** A role phone as a link that dials. */
export function Phone({ phone }: { phone: string | null }) {
  if (!phone) return null;
  return (
    <a className="phone" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
      {phone}
    </a>
  );
}
