import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  PosterHotline,
  PosterService,
  ReferralPathway,
} from '../../../../shared/schemas/referralPathway.js';
import { api } from '../../lib/api.js';
import { useFormat } from '../../lib/format.js';
import { loadNamespaces } from '../../i18n/index.js';
import { LoadStatus, PrintTools } from '../../app/ui/PrintPage.js';
import './coordination.css';

const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

function Phone({ line }: { line: PosterHotline }) {
  const { t } = useTranslation();
  return (
    <li className="poster__line">
      <a className="poster__phone" href={tel(line.phone)}>
        {line.phone}
      </a>{' '}
      <span>
        {line.desk ?? t('poster.safeHouseLine')} · {t(`poster.${line.level}`)}
      </span>
    </li>
  );
}

function Service({ s }: { s: PosterService }) {
  const { t } = useTranslation();
  const facts = [
    s.distanceBand ? t(`poster.band.${s.distanceBand}`) : t('poster.callFirst'),
    s.open24h ? t('poster.open24h') : s.hours,
    t(`poster.how.${s.referral}`),
    s.limited ? t('poster.limited') : null,
  ].filter(Boolean);
  return (
    <li className="poster__service" data-testid="poster-service">
      <strong>{s.name}</strong>
      {s.phone && (
        <>
          {' '}
          <a className="poster__phone" href={tel(s.phone)}>
            {s.phone}
          </a>
        </>
      )}
      <br />
      <span className="poster__facts">{facts.join(' · ')}</span>
    </li>
  );
}

/**
 * A shelter's referral pathway poster (issue 13), for its wall: large type, one A4 page, readable on
 * a phone. Printing from here records the print, so the shelter panel can say when it is outdated.
 */
export function ReferralPosterPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const shelterId = new URLSearchParams(window.location.search).get('shelter') ?? '';
  const [poster, setPoster] = useState<ReferralPathway | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    let live = true;
    void (async () => {
      await loadNamespaces(['coordination', 'services']);
      const r = await api.get<ReferralPathway>(
        `/api/shelters/${encodeURIComponent(shelterId)}/referral-pathway`,
      );
      if (!live) return;
      if (r.ok) setPoster(r.data);
      else setError(r.error.message);
    })();
    return () => {
      live = false;
    };
  }, [shelterId]);

  const print = async () => {
    setPrintedAt(new Date().toISOString());
    // Only the shelter's editors record a print (a 403 for others changes nothing they see).
    await api.post(`/api/shelters/${encodeURIComponent(shelterId)}/referral-pathway/printed`);
    window.print();
  };
  const close = () => {
    // Opened in its own tab from the shelter panel: closing it returns there; typed in: go home.
    window.close();
    window.location.assign('/');
  };

  return (
    <main className="poster print-page" data-testid="poster-page">
      <PrintTools
        className="poster__tools"
        print={{
          testId: 'poster-print',
          label: t('poster.print'),
          disabled: !poster,
          onClick: () => void print(),
        }}
      >
        <button type="button" className="btn" data-testid="poster-close" onClick={close}>
          {t('poster.close')}
        </button>
      </PrintTools>
      <LoadStatus
        error={error && t('poster.failed', { message: error })}
        loading={!poster}
        loadingText={t('poster.loading')}
      />
      {poster && (
        <article data-testid="poster">
          <h1>{t('poster.title')}</h1>
          <p className="poster__subtitle">{t('poster.subtitle', { shelter: poster.shelter.name })}</p>
          <p className="poster__intro">{t('poster.intro')}</p>
          <section className="poster__hotlines" data-testid="poster-hotlines">
            <h2>{t('poster.hotlines')}</h2>
            <ul>
              {poster.hotlines.map((h) => (
                <Phone key={h.phone} line={h} />
              ))}
            </ul>
          </section>
          <div className="poster__sections">
            {poster.sections.map((sec) => (
              <section key={sec.type} className="poster__section" data-testid={`poster-${sec.type}`}>
                <h2>{sec.type === 'safe_house' ? t('poster.safeHouse') : t(`serviceType.${sec.type}`)}</h2>
                {sec.type === 'safe_house' ? (
                  <>
                    <p>{t('poster.safeHouseHow')}</p>
                    <ul>
                      {sec.throughHotline.map((h) => (
                        <Phone key={h.phone} line={h} />
                      ))}
                    </ul>
                  </>
                ) : sec.services.length === 0 ? (
                  <p className="poster__none">{t('poster.none')}</p>
                ) : (
                  <ul>
                    {sec.services.map((s) => (
                      <Service key={s.id} s={s} />
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
          <footer className="poster__footer">
            <strong>{t('poster.printedAt', { at: f.dateTime(printedAt) })}</strong> · {t('poster.reprint')}
          </footer>
        </article>
      )}
    </main>
  );
}
