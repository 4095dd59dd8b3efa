import { useTranslation } from 'react-i18next';
import { type ChecklistKey, CHECKLIST_ANSWERS, CHECKLIST_ITEMS } from '../../../../shared/enums.js';
import { ChoiceField } from '../../lib/forms/ChoiceGroup.js';
import { SCORE_COLORS, scoreBand } from './statusStyle.js';

/** The safety checklist of the quick update: the live score, the critical gaps, one row per item. */
export function ChecklistFields(props: {
  score: number;
  gapItems: readonly ChecklistKey[];
  onOfferRequest?: ((item: ChecklistKey) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { score, gapItems, onOfferRequest } = props;
  const gaps = gapItems.length;
  return (
    <>
      <h4 className="qform__checklist-title">
        {t('checklist.title')}
        <span
          className="score-pill"
          data-testid="qf-score"
          data-score={score}
          style={{ borderColor: SCORE_COLORS[scoreBand(score)] }}
        >
          {t('checklist.score')}: {t('checklist.scoreValue', { score })}
        </span>
      </h4>
      {gaps > 0 && (
        <div className="alert alert--error" data-testid="qf-gaps">
          <p className="gap-title">{t('checklist.gaps', { count: gaps })}</p>
          {onOfferRequest && (
            <ul className="gap-offers">
              {gapItems.map((k) => (
                <li key={k}>
                  <button
                    type="button"
                    className="btn btn--small"
                    data-testid={`offer-request-${k}`}
                    onClick={() => onOfferRequest(k)}
                  >
                    {t('checklist.requestOffer', { item: t(`checklist.${k}`) })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="qform__checklist">
        {CHECKLIST_ITEMS.map((item) => (
          <ChoiceField
            key={item.key}
            name={`checklist.${item.key}`}
            label={`${item.critical ? '★ ' : ''}${t(`checklist.${item.key}`)}${item.critical ? ` (${t('checklist.critical')})` : ''}`}
            options={CHECKLIST_ANSWERS}
            labels="answer"
            toneOf={(v) => `tone-answer-${v}${item.critical ? ' is-critical' : ''}`}
            testId={`qf-checklist-${item.key}`}
          />
        ))}
      </div>
    </>
  );
}
