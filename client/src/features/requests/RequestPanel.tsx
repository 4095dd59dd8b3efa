import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import type { CoordinationRequest, RequestMessage } from '../../../../shared/schemas/requests.js';
import type { RequestStatus } from '../../../../shared/enums.js';
import { DetailFrame, ErrorNote, Fact, RecordLink, SimulatedBadge } from '../../app/ui/Detail.js';
import { useVersionedWrite } from '../../app/ui/useVersionedWrite.js';
import { requestApi } from './api.js';
import { errorText } from '../../lib/errorText.js';
import { useFormat } from '../../lib/format.js';
import { areaName, useAreaStore } from '../areas/areaStore.js';
import { useAuthStore } from '../auth/authStore.js';
import { useOrganisationStore } from '../organisations/organisationStore.js';
import { useServiceStore } from '../services/serviceStore.js';
import { useShelterStore } from '../shelters/shelterStore.js';
import { requestMovesFor, writesRequests } from '../../../../shared/domain/permissions.js';
import { PriorityBadge, RequestStatusBadge } from './RequestBits.js';
import { useRequestStore } from './requestStore.js';
import { useThreadStore } from './threadStore.js';
import '../../app/screens.css';

const EMPTY: readonly RequestMessage[] = [];

/** One request: facts, the moves the workflow and the role allow as buttons, and its thread. */
export function RequestPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const r = useRequestStore((s) => s.byId[id]);
  const orgs = useOrganisationStore((s) => s.byId);
  const byCode = useAreaStore((s) => s.byCode);
  const shelter = useShelterStore((s) => (r?.shelterId ? s.byId[r.shelterId] : undefined));
  const service = useServiceStore((s) => (r?.serviceId ? s.byId[r.serviceId] : undefined));
  const me = useAuthStore((s) => s.me);
  const write = useVersionedWrite(useRequestStore((s) => s.upsert));
  if (!r || !me) return <p>{t('requests.notFound')}</p>;
  const orgName = (oid: string | null) => (oid ? (orgs[oid]?.acronym ?? orgs[oid]?.name ?? '—') : '—');
  const moves = requestMovesFor(me, r);
  // The shelter or service the request is about, each a link to its record.
  const places = [
    ...(shelter ? [{ kind: 'shelter' as const, id: shelter.id, name: shelter.name }] : []),
    ...(service ? [{ kind: 'service' as const, id: service.id, name: service.name }] : []),
  ];
  const move = (status: RequestStatus) =>
    write.run(() => requestApi.patch(r.id, { version: r.version, status }));

  return (
    <DetailFrame
      data={{ 'data-testid': 'request-panel', 'data-request-id': r.id }}
      title={r.title}
      badges={
        <>
          <RequestStatusBadge status={r.status} />
          <PriorityBadge priority={r.priority} />
          <SimulatedBadge on={r.simulated} />
        </>
      }
    >
      <dl className="kv">
        <Fact label={t('requests.kind')}>
          {t(`requestKind.${r.kind}`)}
          {r.quantity !== null && ` × ${f.number(r.quantity)}`}
        </Fact>
        <Fact label={t('requests.from')}>{orgName(r.fromOrgId)}</Fact>
        <Fact label={t('requests.to')}>
          {[r.toOrgId && orgName(r.toOrgId), r.toSector && t(`sector.${r.toSector}`)]
            .filter(Boolean)
            .join(' · ')}
        </Fact>
        {places.map((p) => (
          <Fact key={p.kind} label={t(`requests.${p.kind}`)}>
            <RecordLink kind={p.kind} id={p.id}>
              {p.name}
            </RecordLink>
          </Fact>
        ))}
        <Fact label={t('panel.province')}>
          {areaName(byCode[r.provinceCode], i18n.language, r.provinceCode)}
        </Fact>
        {r.neededBy && <Fact label={t('requests.neededBy')}>{f.dateTime(r.neededBy)}</Fact>}
        <Fact label={t('requests.updated')}>{f.dateTime(r.updatedAt)}</Fact>
      </dl>
      {moves.length > 0 && (
        <div className="moves" role="group" aria-label={t('requests.moves')}>
          {moves.map((s) => (
            <button
              key={s}
              type="button"
              className={`btn${s === 'done' || s === 'acknowledged' || s === 'in_progress' ? ' btn--primary' : ''}`}
              disabled={write.busy}
              data-testid={`request-move-${s}`}
              onClick={() => void move(s)}
            >
              {t(`requestMove.${s}`)}
            </button>
          ))}
        </div>
      )}
      <ErrorNote text={write.error} testId="request-error" />
      <Thread request={r} canWrite={writesRequests(me)} orgName={orgName} />
    </DetailFrame>
  );
}

function Thread(props: {
  request: CoordinationRequest;
  canWrite: boolean;
  orgName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { request: r } = props;
  const thread = useThreadStore((s) => s.threads[r.id] ?? EMPTY);
  const setThread = useThreadStore((s) => s.setThread);
  const addMessage = useThreadStore((s) => s.addMessage);
  const [failed, setFailed] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void requestApi.messages(r.id).then((reply) => {
      if (reply.ok) setThread(r.id, reply.data);
      else setFailed(true);
    });
  }, [r.id, setThread]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    const reply = await requestApi.addMessage(r.id, text.trim());
    setBusy(false);
    if (reply.ok) {
      addMessage(reply.data);
      setText('');
    } else setError(errorText(t, reply.error));
  };

  return (
    <section className="thread" aria-label={t('requests.thread')}>
      <h3>{t('requests.thread')}</h3>
      {failed && <p className="muted">{t('requests.threadFailed')}</p>}
      {thread.length === 0 && !failed && <p className="muted">{t('requests.noMessages')}</p>}
      <ol className="thread__items" data-testid="request-thread">
        {thread.map((m) => (
          <li key={m.id} className="thread__item" data-testid="request-message">
            <span className="muted small">
              {props.orgName(m.orgId)} · <time dateTime={m.createdAt}>{f.dateTime(m.createdAt)}</time>
            </span>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>
      {props.canWrite && (
        <form className="thread__form" onSubmit={(e) => void send(e)}>
          <label className="field">
            <span>{t('requests.message')}</span>
            <textarea
              rows={2}
              maxLength={LIMITS.messageMax}
              data-testid="request-message-input"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <small className="muted">{t('requests.noPersonal')}</small>
          </label>
          <ErrorNote text={error} testId="request-message-error" />
          <button
            type="submit"
            className="btn btn--primary"
            disabled={busy || !text.trim()}
            data-testid="request-message-send"
          >
            {t('requests.sendMessage')}
          </button>
        </form>
      )}
    </section>
  );
}
