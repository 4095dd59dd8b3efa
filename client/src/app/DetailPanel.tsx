import { useTranslation } from 'react-i18next';
import { AlertForm } from '../features/alerts/AlertForm.js';
import { AlertPanel } from '../features/alerts/AlertPanel.js';
import { IncidentForm } from '../features/incidents/IncidentForm.js';
import { RequestForm } from '../features/requests/RequestForm.js';
import { RequestPanel } from '../features/requests/RequestPanel.js';
import { ServicePanel } from '../features/services/ServicePanel.js';
import { useNavStore, type Detail, type RecordKind } from './navStore.js';
import type { SnapshotDomain } from '../../../shared/snapshotParts.js';
import { useDomainsLoaded } from './domainLoad.js';
import { LoadingSkeleton } from './LoadingSkeleton.js';
import { PartBoundary } from './PartBoundary.js';
import { useStartAtTop } from './useStartAtTop.js';

/** What a record's panel reads; until it has come (the snapshot in parts) the panel is a skeleton, not "not found". */
const NEEDS: Record<Exclude<RecordKind, 'shelter'>, readonly SnapshotDomain[]> = {
  service: ['services'],
  alert: ['alerts'],
  request: ['requests'],
};

/** The detail column for a record or form other than a shelter's. */
export function DetailPanel({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const close = useNavStore((s) => s.close);
  const key = 'id' in detail ? `${detail.kind}:${detail.id}` : detail.kind;
  const ref = useStartAtTop(key);
  const needs = detail.kind in NEEDS ? NEEDS[detail.kind as keyof typeof NEEDS] : [];
  const loaded = useDomainsLoaded(...needs);
  return (
    <section ref={ref} className="panel card" data-testid="detail-panel" data-kind={detail.kind}>
      <div className="panel__bar">
        <button type="button" className="btn" onClick={close} data-testid="detail-close">
          ← {t('panel.back')}
        </button>
      </div>
      {/* The close button above stays usable when the record below fails to render. */}
      <PartBoundary name={`detail-${detail.kind}`} resetKeys={[key]}>
        {!loaded && <LoadingSkeleton rows={2} />}
        {loaded && detail.kind === 'service' && <ServicePanel id={detail.id} />}
        {loaded && detail.kind === 'alert' && <AlertPanel id={detail.id} />}
        {loaded && detail.kind === 'request' && <RequestPanel id={detail.id} />}
        {detail.kind === 'new-alert' && <AlertForm />}
        {detail.kind === 'new-request' && <RequestForm key={key} shelterId={detail.shelterId} />}
        {detail.kind === 'incident-entry' && <IncidentForm />}
      </PartBoundary>
    </section>
  );
}
