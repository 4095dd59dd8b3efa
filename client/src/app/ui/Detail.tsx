import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavStore, type RecordKind } from '../navStore.js';

/**
 * The frame of every record in the detail column: the name as the panel heading, its badges, then
 * the facts and actions. `data` carries the test id and the record's data-* attributes.
 */
export function DetailFrame(p: {
  title: ReactNode;
  badges: ReactNode;
  data: Record<string, string | number | undefined>;
  children: ReactNode;
}) {
  return (
    <div className="detail" {...p.data}>
      <header className="detail__head">
        <h2 data-testid="panel-name">{p.title}</h2>
        <div className="detail__badges">{p.badges}</div>
      </header>
      {p.children}
    </div>
  );
}

/** The badge of a record a scenario made up, so no one takes it for a real report. */
export function SimulatedBadge({ on }: { on: boolean }) {
  const { t } = useTranslation();
  return on ? <span className="badge badge--sim">{t('app.simulated')}</span> : null;
}

/** One fact of a `dl.kv` list: its label and its value. */
export function Fact(p: { label: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <>
      <dt>{p.label}</dt>
      <dd data-testid={p.testId}>{p.children}</dd>
    </>
  );
}

/** A link-styled button that opens another record in the detail column. */
export function RecordLink(p: { kind: RecordKind; id: string; children: ReactNode }) {
  const open = useNavStore((s) => s.open);
  return (
    <button type="button" className="btn--link" onClick={() => open({ kind: p.kind, id: p.id })}>
      {p.children}
    </button>
  );
}

/** A refusal shown under the action that met it; `role="alert"` unless the caller's region already announces. */
export function ErrorNote(p: { text: string | null; testId?: string; announce?: boolean }) {
  if (!p.text) return null;
  return (
    <p
      className="alert alert--error"
      role={p.announce === false ? undefined : 'alert'}
      data-testid={p.testId}
    >
      {p.text}
    </p>
  );
}
