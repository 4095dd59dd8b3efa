import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isShelterStale } from '../../../../shared/domain/staleness.js';
import { CHECKLIST_ITEMS, NEEDS } from '../../../../shared/enums.js';
import { STALE_HOURS } from '../../../../shared/limits.js';
import type { Shelter } from '../../../../shared/schemas/shelters.js';
import { useNow } from '../../lib/useNow.js';
import type { ChecklistKey } from '../../../../shared/enums.js';
import { GapRequestForm, NearestServices } from '../../app/lazyScreens.js';
import { openId, useNavStore } from '../../app/navStore.js';
import { PartBoundary } from '../../app/PartBoundary.js';
import { useStartAtTop } from '../../app/useStartAtTop.js';
import { AlertFlag } from '../alerts/AlertFlag.js';
import { alertsAt, useAlertsInForce } from '../alerts/inAlert.js';
import { useAuthStore } from '../auth/authStore.js';
import { createsShelter, editsShelter, opensRequest } from '../../../../shared/domain/permissions.js';
import { QuickUpdateForm } from './QuickUpdateForm.js';
import { PosterLink } from '../coordination/PosterLink.js';
import { DetailFacts, History } from './ShelterFacts.js';
import { useShelterStore } from './shelterStore.js';

// Only operations officers list shelters: the form stays out of everyone else's download.
const CreateShelterForm = lazy(() =>
  import('./CreateShelterForm.js').then((m) => ({ default: m.CreateShelterForm })),
);
import { SCORE_COLORS, STATUS_COLORS, scoreBand } from './statusStyle.js';
import '../../app/screens.css';

/** The selected shelter: its record, its checklist (or score), its history, and the update form when allowed. */
export function ShelterPanel() {
  const { t } = useTranslation();
  const selectedId = useNavStore((s) => openId(s.detail, 'shelter'));
  const shelter = useShelterStore((s) => (selectedId ? s.byId[selectedId] : undefined));
  const close = useNavStore((s) => s.close);
  const me = useAuthStore((s) => s.me);
  const creating = useNavStore((s) => s.detail?.kind === 'new-shelter');
  const ref = useStartAtTop(selectedId, creating);
  if (creating && me && createsShelter(me)) {
    return (
      <section ref={ref} className="panel card" data-testid="shelter-panel" data-creating="true">
        <div className="panel__bar">
          <button type="button" className="btn" onClick={close} data-testid="panel-close">
            ← {t('panel.back')}
          </button>
        </div>
        <PartBoundary name="create-shelter">
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            <CreateShelterForm me={me} />
          </Suspense>
        </PartBoundary>
      </section>
    );
  }
  if (!selectedId) return null;
  return (
    <section
      ref={ref}
      className="panel card"
      aria-label={shelter?.name ?? ''}
      data-testid="shelter-panel"
      data-shelter-id={selectedId}
    >
      <div className="panel__bar">
        <button type="button" className="btn" onClick={close} data-testid="panel-close">
          ← {t('panel.back')}
        </button>
      </div>
      {shelter ? (
        <ShelterDetail shelter={shelter} editable={me ? editsShelter(me, shelter) : false} />
      ) : (
        <p>{t('panel.notFound')}</p>
      )}
    </section>
  );
}

function ShelterDetail({ shelter: s, editable }: { shelter: Shelter; editable: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const stale = isShelterStale(s.lastReportedAt, new Date(now));
  const me = useAuthStore((st) => st.me);
  const alerts = alertsAt(s, useAlertsInForce());
  const [requestFor, setRequestFor] = useState<ChecklistKey | null>(null);
  const [nearestOpen, setNearestOpen] = useState(false);
  const offer = me && opensRequest(me, { shelter: s }) ? setRequestFor : undefined;

  return (
    <div className="detail">
      <header className="detail__head">
        <h2 data-testid="panel-name">{s.name}</h2>
        <div className="detail__badges">
          <span
            className="badge badge--status"
            style={{ background: STATUS_COLORS[s.status] }}
            data-testid="panel-status"
          >
            {t(`status.${s.status}`)}
          </span>
          {stale && <span className="badge badge--stale">{t('list.stale')}</span>}
          {s.simulated && (
            <span className="badge badge--sim" data-testid="panel-simulated">
              {t('app.simulated')}
            </span>
          )}
          <AlertFlag alerts={alerts} />
        </div>
      </header>
      {/* Folded, so a phone shows the update form first; opens without the map, from the list alone. */}
      <details
        className="nearest-box"
        data-testid="nearest-toggle"
        onToggle={(e) => setNearestOpen(e.currentTarget.open)}
      >
        <summary>{t('panel.nearest')}</summary>
        {nearestOpen && (
          <PartBoundary name="nearest">
            <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
              <NearestServices shelterId={s.id} />
            </Suspense>
          </PartBoundary>
        )}
      </details>
      {stale && (
        <p className="alert alert--warn">{t('panel.staleWarning', { hours: STALE_HOURS.shelter })}</p>
      )}
      {/* The poster answers the checklist item "hotlines and referral pathway posted". */}
      <PosterLink shelterId={s.id} />

      {editable ? (
        <>
          {/* An editor's form comes first: on a phone, the update is the job. */}
          {/* Each part fails alone: a broken request form or history never takes the typed update with it. */}
          <PartBoundary name="quick-update">
            <QuickUpdateForm key={s.id} shelter={s} onOfferRequest={offer} />
          </PartBoundary>
          {requestFor && (
            <PartBoundary name="gap-request" resetKeys={[requestFor]}>
              <GapRequest shelter={s} item={requestFor} onClose={() => setRequestFor(null)} />
            </PartBoundary>
          )}
          <PartBoundary name="facts">
            <DetailFacts shelter={s} />
          </PartBoundary>
        </>
      ) : (
        <>
          <PartBoundary name="facts">
            <DetailFacts shelter={s} />
          </PartBoundary>
          <h3>{t('needs.title')}</h3>
          <ul className="needs">
            {NEEDS.map((n) => (
              <li key={n} className={`need need--${s.needs[n]}`} data-testid={`panel-need-${n}`}>
                <span>{t(`needs.${n}`)}</span> <strong>{t(`needLevel.${s.needs[n]}`)}</strong>
              </li>
            ))}
          </ul>
          <h3>
            {t('checklist.title')}{' '}
            <span
              className="score-pill"
              style={{ borderColor: SCORE_COLORS[scoreBand(s.safetyScore)] }}
              data-testid="panel-score"
            >
              {t('checklist.score')}: {t('checklist.scoreValue', { score: s.safetyScore })}
            </span>
          </h3>
          {s.checklist ? (
            <ul className="checklist">
              {CHECKLIST_ITEMS.map((item) => (
                <li key={item.key} className={`answer answer--${s.checklist![item.key]}`}>
                  <span>
                    {item.critical && <abbr title={t('checklist.criticalMark')}>★ </abbr>}
                    {t(`checklist.${item.key}`)}
                  </span>
                  <strong>{t(`answer.${s.checklist![item.key]}`)}</strong>
                  {item.critical && s.checklist![item.key] === 'no' && offer && (
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid={`offer-request-${item.key}`}
                      onClick={() => offer(item.key)}
                    >
                      {t('checklist.requestShort')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('checklist.scoreOnly')}</p>
          )}
          {requestFor && (
            <PartBoundary name="gap-request" resetKeys={[requestFor]}>
              <GapRequest shelter={s} item={requestFor} onClose={() => setRequestFor(null)} />
            </PartBoundary>
          )}
          <p className="muted small">{t('panel.readOnly')}</p>
        </>
      )}
      <PartBoundary name="history">
        <History shelterId={s.id} version={s.version} />
      </PartBoundary>
    </div>
  );
}

/** The pre-filled request a `no` on a critical checklist item offers (SPEC 2.2), below the form. */
function GapRequest({
  shelter,
  item,
  onClose,
}: {
  shelter: Shelter;
  item: ChecklistKey;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // A block body: scrollIntoView returns a Promise in current Chromium, and an effect's return value
  // is its cleanup; React calling a Promise unmounted the whole tree (issue 10).
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
  }, [item]);
  return (
    <div ref={ref} className="gap-request card" data-testid="gap-request">
      <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
        <GapRequestForm key={item} shelterId={shelter.id} checklistItem={item} onDone={onClose} />
      </Suspense>
    </div>
  );
}
