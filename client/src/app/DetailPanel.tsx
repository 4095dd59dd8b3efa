import { useTranslation } from 'react-i18next';
import { AlertForm } from '../features/alerts/AlertForm.js';
import { AlertPanel } from '../features/alerts/AlertPanel.js';
import { IncidentForm } from '../features/incidents/IncidentForm.js';
import { RequestForm } from '../features/requests/RequestForm.js';
import { RequestPanel } from '../features/requests/RequestPanel.js';
import { ServicePanel } from '../features/services/ServicePanel.js';
import { useNavStore, type Detail } from './navStore.js';
import { PartBoundary } from './PartBoundary.js';
import { useStartAtTop } from './useStartAtTop.js';

/** The detail column for a record or form other than a shelter's. */
export function DetailPanel({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const close = useNavStore((s) => s.close);
  const key = 'id' in detail ? `${detail.kind}:${detail.id}` : detail.kind;
  const ref = useStartAtTop(key);
  return (
    <section ref={ref} className="panel card" data-testid="detail-panel" data-kind={detail.kind}>
      <div className="panel__bar">
        <button type="button" className="btn" onClick={close} data-testid="detail-close">
          ← {t('panel.back')}
        </button>
      </div>
      {/* The close button above stays usable when the record below fails to render. */}
      <PartBoundary name={`detail-${detail.kind}`} resetKeys={[key]}>
        {detail.kind === 'service' && <ServicePanel id={detail.id} />}
        {detail.kind === 'alert' && <AlertPanel id={detail.id} />}
        {detail.kind === 'request' && <RequestPanel id={detail.id} />}
        {detail.kind === 'new-alert' && <AlertForm />}
        {detail.kind === 'new-request' && <RequestForm key={key} shelterId={detail.shelterId} />}
        {detail.kind === 'incident-entry' && <IncidentForm />}
      </PartBoundary>
    </section>
  );
}
