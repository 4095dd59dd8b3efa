import { useShallow } from 'zustand/react/shallow';
import { useNavStore, type Detail } from '../navStore.js';
import { useMemo, type ReactNode } from 'react';
import type { ById } from '../../lib/byId.js';
import { useFormat } from '../../lib/format.js';

interface ListTabProps {
  /** Names the section: `${name}-title` labels it, `${name}-tab` is its test id unless `testId` says otherwise. */
  name: string;
  title: ReactNode;
  /** Shown muted after the title, in brackets. */
  count?: ReactNode;
  /** Above the head: the province, status and type pickers. */
  filters?: ReactNode;
  /** The button that opens the create form (the detail `opens`), for those allowed (null otherwise). */
  create?: { testId: string; label: string; opens: Detail } | null;
  /** Beside the title: export and import links. */
  actions?: ReactNode;
  /** Null while the list is not shown (an empty or table tab renders `children` alone). */
  empty?: { text: string; testId?: string } | null;
  listTestId?: string;
  testId?: string;
  id?: string;
  children: ReactNode;
}

/**
 * The frame every list tab shares: filters, a head with title, count and actions, then the list or
 * the empty line. With `listTestId` the children are list items inside `ul.list__items`.
 */
export function ListTab(p: ListTabProps) {
  const titleId = `${p.name}-title`;
  const open = useNavStore((s) => s.open);
  const create = p.create;
  return (
    <section
      className="list"
      aria-labelledby={titleId}
      data-testid={p.testId === undefined ? `${p.name}-tab` : p.testId || undefined}
      id={p.id}
    >
      {p.filters}
      <div className="list__head">
        <h2 id={titleId} className="list__title">
          {p.title}
          {p.count !== undefined && (
            <>
              {' '}
              <span className="muted">({p.count})</span>
            </>
          )}
        </h2>
        {create && (
          <button
            type="button"
            className="btn"
            data-testid={create.testId}
            onClick={() => open(create.opens)}
          >
            + {create.label}
          </button>
        )}
        {p.actions}
      </div>
      {p.empty ? (
        <p className="muted" data-testid={p.empty.testId}>
          {p.empty.text}
        </p>
      ) : p.listTestId ? (
        <ul className="list__items" data-testid={p.listTestId}>
          {p.children}
        </ul>
      ) : (
        p.children
      )}
    </section>
  );
}

interface ListRowProps {
  selected: boolean;
  /** Extra modifier classes, e.g. `row--stale`. */
  modifiers?: string;
  /** Mark the selected row for assistive technology too. */
  current?: boolean;
  onSelect: () => void;
  /** data-* attributes and the test id of the row. */
  data: Record<string, string | number | undefined>;
  /** Trailing content after the main block (e.g. a score). */
  aside?: ReactNode;
  children: ReactNode;
}

/** One selectable row of a list tab: a button that opens the record in the detail column. */
export function ListRow(p: ListRowProps) {
  const cls = `row${p.selected ? ' row--selected' : ''}${p.modifiers ? ` ${p.modifiers}` : ''}`;
  return (
    <li>
      <button
        type="button"
        className={cls}
        aria-current={p.current && p.selected ? 'true' : undefined}
        onClick={p.onSelect}
        {...p.data}
      >
        <span className="row__main">{p.children}</span>
        {p.aside}
      </button>
    </li>
  );
}

/** What a list reads of the one selection: the record open in the detail column, and how to open one. */
export function useSelection() {
  return useNavStore(useShallow((s) => ({ detail: s.detail, open: s.open })));
}

/** A list's rows: its `select` (filter, then list order) over the store's records, memoised on its inputs. */
export function useListRows<T, F>(
  select: (byId: ById<T>, filter: F, province: string | null, locale: string) => T[],
  byId: ById<T>,
  filter: F,
  province: string | null,
): T[] {
  const { locale } = useFormat();
  return useMemo(() => select(byId, filter, province, locale), [select, byId, filter, province, locale]);
}
