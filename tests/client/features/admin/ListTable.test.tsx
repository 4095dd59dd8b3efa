// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListTable } from '../../../../client/src/features/admin/ListTable.js';
import { setUpForms } from '../../render.js';

setUpForms();

const columns = [{ head: 'Name', cell: (r: { id: string }) => r.id }];
const table = (rows: { id: string }[] | null) =>
  render(
    <ListTable
      testId="t"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      rowAttrs={() => ({ 'data-testid': 'row' })}
    />,
  );

describe('ListTable', () => {
  it('says it is loading while the rows have not come, instead of showing an empty list', () => {
    table(null);
    expect(screen.getByTestId('t').getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('admin-list-loading').textContent).toMatch(/Đang tải|Loading/);
    expect(screen.queryAllByTestId('row')).toHaveLength(0);
  });

  it('shows the rows once loaded, and an empty list as empty', () => {
    const { unmount } = table([{ id: 'a' }, { id: 'b' }]);
    expect(screen.getByTestId('t').getAttribute('aria-busy')).toBe('false');
    expect(screen.getAllByTestId('row')).toHaveLength(2);
    expect(screen.queryByTestId('admin-list-loading')).toBeNull();
    unmount();
    table([]);
    expect(screen.queryByTestId('admin-list-loading')).toBeNull();
  });
});
