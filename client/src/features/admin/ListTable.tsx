import type { ReactNode } from 'react';
import { FormProvider, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

/** One column of a list table: its heading and what a row shows in it. */
export interface Column<R> {
  head: ReactNode;
  cell: (row: R) => ReactNode;
}

/** Attributes of a row: its test id, `data-*` keys to find it by, and whether it is greyed out. */
export type RowAttrs = { stale?: boolean } & Record<`data-${string}`, string>;

/**
 * The admin screen's list of records: a heading row and one row per record (null while loading).
 * When the load failed (`failed`, rows still null) the table says so and offers to load again.
 */
export function ListTable<R>(props: {
  testId: string;
  columns: readonly Column<R>[];
  rows: readonly R[] | null | undefined;
  rowKey: (row: R) => string;
  rowAttrs: (row: R) => RowAttrs;
  failed?: boolean;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const failed = props.rows == null && props.failed === true;
  const loading = props.rows == null && !failed;
  return (
    <table className="table" data-testid={props.testId} aria-busy={loading}>
      <thead>
        <tr>
          {props.columns.map((c, i) => (
            <th key={i}>{c.head}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {loading && (
          <tr data-testid="admin-list-loading">
            <td colSpan={props.columns.length} className="muted">
              {t('app.loading')}
            </td>
          </tr>
        )}
        {failed && (
          <tr data-testid="admin-list-failed">
            <td colSpan={props.columns.length}>
              {t('admin.loadFailed')}{' '}
              <button type="button" className="btn btn--small" onClick={props.onReload}>
                {t('admin.loadAgain')}
              </button>
            </td>
          </tr>
        )}
        {props.rows?.map((r) => {
          const { stale, ...attrs } = props.rowAttrs(r);
          return (
            <tr key={props.rowKey(r)} className={stale ? 'row--stale' : ''} {...attrs}>
              {props.columns.map((c, i) => (
                <td key={i}>{c.cell(r)}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * A create form of the admin screen: its title, its fields, and Create (every admin form says
 * Create); it provides its react-hook-form `form` to the fields inside.
 */
export function CreateForm<V extends FieldValues>(props: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form, whatever its resolver gives
  form: UseFormReturn<V, any, any>;
  testId: string;
  title: string;
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormProvider {...props.form}>
      <form className="admin__form" onSubmit={props.onSubmit} data-testid={props.testId}>
        <h3>{props.title}</h3>
        {props.children}
        <button type="submit" className="btn btn--primary">
          {t('admin.create')}
        </button>
      </form>
    </FormProvider>
  );
}
