import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.js';
import { useNavStore } from '../../app/navStore.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { detailKindOf, isShelterActivity, type ActivityItem } from './activity.js';
import { useActivityStore } from './activityStore.js';

/** The live feed of changes this user may see, newest first. */
export function ActivityFeed() {
  const { t } = useTranslation();
  const items = useActivityStore((s) => s.items);
  return (
    <section className="feed card" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('activity.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('activity.empty')}</p>
      ) : (
        <ol className="feed__items" data-testid="activity-feed" aria-live="polite" aria-relevant="additions">
          {items.slice(0, 60).map((i) => (
            <FeedItem key={i.seq} item={i} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FeedItem({ item: i }: { item: ActivityItem }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const open = useNavStore((s) => s.open);
  const province = useAreaStore((s) => (i.area ? s.byCode[i.area.provinceCode] : undefined));
  const recordId = isShelterActivity(i) ? i.recordId : null;
  const kind = detailKindOf(i);
  const name = i.area
    ? `${areaName(province, i18n.language, i.area.provinceCode)} · ${f.month(i.area.month)}`
    : i.name;
  let detail = '';
  if (i.detail?.kind === 'status')
    detail = t('activity.statusChange', {
      from: t(`status.${i.detail.from}`),
      to: t(`status.${i.detail.to}`),
    });
  else if (i.detail?.kind === 'occupancy')
    detail = t('activity.occupancyChange', { from: f.number(i.detail.from), to: f.number(i.detail.to) });
  else if (i.detail?.kind === 'reconfirmed') detail = t('activity.reconfirmed');
  else if (i.detail?.kind === 'escalated') detail = t('activity.escalated');
  return (
    <li
      className={`feed__item${i.detail?.kind === 'escalated' ? ' feed__item--escalated' : ''}`}
      data-testid="activity-item"
      data-seq={i.seq}
      data-type={i.type}
      data-detail={i.detail?.kind}
    >
      <time dateTime={i.at} className="feed__time">
        {f.time(i.at)}
      </time>
      <span className="feed__text">
        <span className="feed__type">{t(`activity.${i.type}`, { defaultValue: t('activity.other') })}</span>{' '}
        {recordId ? (
          <button type="button" className="btn--link" onClick={() => open({ kind: 'shelter', id: recordId })}>
            {name}
          </button>
        ) : kind && i.recordId ? (
          <button type="button" className="btn--link" onClick={() => open({ kind, id: i.recordId! })}>
            {name}
          </button>
        ) : (
          <span>{name}</span>
        )}
        {detail && <span className="feed__detail"> · {detail}</span>}
        {i.viaSms && (
          <span className="badge" data-testid="activity-via-sms">
            {t('activity.viaSms')}
          </span>
        )}
        {i.simulated && <span className="badge badge--sim">{t('app.simulated')}</span>}
      </span>
    </li>
  );
}
