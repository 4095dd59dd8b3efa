import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { posterOutdated } from '../../../../shared/domain/referralPathway.js';
import type { PosterPrint } from '../../../../shared/schemas/referralPathway.js';
import { api } from '../../lib/api.js';
import { useFormat } from '../../lib/format.js';
import { useServiceStore } from '../services/serviceStore.js';

/**
 * The shelter panel's link to its referral pathway poster, with when it was last printed and
 * "poster outdated" once a service on it has closed (read live from the service store).
 */
export function PosterLink({ shelterId }: { shelterId: string }) {
  // Its own namespace, loaded when the panel first shows; nothing renders until it is there.
  const { t, ready } = useTranslation('coordination', { useSuspense: false });
  const f = useFormat();
  // undefined until the server answers (offline: not known, so nothing is claimed).
  const [print, setPrint] = useState<PosterPrint | null | undefined>(undefined);
  const services = useServiceStore((s) => s.byId);

  useEffect(() => {
    let live = true;
    // Printing happens in another tab: look again when the user comes back to this one.
    const load = () =>
      void api
        .get<PosterPrint | null>(`/api/shelters/${shelterId}/referral-pathway/printed`)
        .then((r) => live && r.ok && setPrint(r.data));
    load();
    window.addEventListener('focus', load);
    return () => {
      live = false;
      window.removeEventListener('focus', load);
    };
  }, [shelterId]);

  if (!ready) return null;
  const outdated = !!print && posterOutdated(print.serviceIds, (id) => services[id]?.availability.status);
  return (
    <p className="poster-link" data-testid="poster-link-box">
      <a
        className="btn btn--small"
        href={`/referral-pathway?shelter=${shelterId}`}
        target="_blank"
        rel="noopener"
        data-testid="open-poster"
      >
        {t('poster.link')}
      </a>{' '}
      <span className="muted small">{t('poster.linkHint')}</span>{' '}
      {outdated ? (
        <strong className="badge badge--stale" data-testid="poster-outdated">
          {t('poster.outdated')}
        </strong>
      ) : print === undefined ? null : (
        <span className="muted small" data-testid="poster-printed">
          {print ? t('poster.lastPrinted', { at: f.dateTime(print.printedAt) }) : t('poster.neverPrinted')}
        </span>
      )}
    </p>
  );
}
