// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FiltersBox } from '../../../../client/src/app/ui/FiltersBox.js';
import { InlineSelect } from '../../../../client/src/app/ui/InlineSelect.js';
import { ListRow, ListTab } from '../../../../client/src/app/ui/ListTab.js';
import { setUpForms } from '../../render.js';
import { useNavStore } from '../../../../client/src/app/navStore.js';

setUpForms();

describe('ListTab', () => {
  it('labels the section by its title, shows the count and the rows in the list', () => {
    const onSelect = vi.fn();
    render(
      <ListTab
        name="things"
        title="Things"
        count={2}
        actions={<button type="button">+ New</button>}
        listTestId="thing-list"
      >
        <ListRow
          selected
          onSelect={onSelect}
          current
          modifiers="row--stale"
          data={{ 'data-testid': 'thing-item', 'data-id': 'a' }}
        >
          <span className="row__name">A</span>
        </ListRow>
        <ListRow selected={false} onSelect={() => {}} data={{ 'data-testid': 'thing-item', 'data-id': 'b' }}>
          <span className="row__name">B</span>
        </ListRow>
      </ListTab>,
    );
    const section = screen.getByTestId('things-tab');
    expect(section.getAttribute('aria-labelledby')).toBe('things-title');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Things (2)');
    const rows = screen.getAllByTestId('thing-item');
    expect(rows.map((r) => r.className)).toEqual(['row row--selected row--stale', 'row']);
    expect(rows[0]!.getAttribute('aria-current')).toBe('true');
    expect(rows[1]!.getAttribute('aria-current')).toBeNull();
    expect(screen.getByTestId('thing-list').tagName).toBe('UL');
    fireEvent.click(rows[0]!);
    expect(onSelect).toHaveBeenCalledOnce();
  });

  it('shows the empty line instead of the list, with its test id', () => {
    render(
      <ListTab
        name="things"
        testId=""
        id="things"
        title="Things"
        empty={{ text: 'Nothing yet', testId: 'things-empty' }}
        listTestId="thing-list"
      >
        {[]}
      </ListTab>,
    );
    expect(screen.getByTestId('things-empty').textContent).toBe('Nothing yet');
    expect(screen.queryByTestId('thing-list')).toBeNull();
    expect(screen.queryByTestId('things-tab')).toBeNull();
    expect(document.getElementById('things')?.tagName).toBe('SECTION');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Things');
  });

  it('offers the create button to those allowed, and it opens its form in the detail column', () => {
    useNavStore.setState({ detail: null });
    const { rerender } = render(
      <ListTab name="things" title="Things" create={null}>
        {[]}
      </ListTab>,
    );
    expect(screen.queryByTestId('create-thing')).toBeNull();
    rerender(
      <ListTab
        name="things"
        title="Things"
        create={{ testId: 'create-thing', label: 'New thing', opens: { kind: 'new-alert' } }}
      >
        {[]}
      </ListTab>,
    );
    const button = screen.getByTestId('create-thing');
    expect(button.textContent).toBe('+ New thing');
    fireEvent.click(button);
    expect(useNavStore.getState().detail).toEqual({ kind: 'new-alert' });
  });
});

describe('InlineSelect', () => {
  it('lists the choices and reports the value chosen', () => {
    const onChange = vi.fn();
    render(
      <InlineSelect
        label="Month"
        testId="month"
        value="b"
        onChange={onChange}
        choices={[
          { value: '', label: '', disabled: true },
          { value: 'a', label: 'April' },
          { value: 'b', label: 'May' },
        ]}
      />,
    );
    const select = screen.getByLabelText<HTMLSelectElement>('Month');
    expect(select.value).toBe('b');
    expect(select.options[0]!.disabled).toBe(true);
    fireEvent.change(select, { target: { value: 'a' } });
    expect(onChange).toHaveBeenCalledWith('a');
  });
});

describe('FiltersBox', () => {
  it('marks the summary when a filter is set', () => {
    vi.stubGlobal('matchMedia', () => ({ matches: false }));
    const { container, rerender } = render(<FiltersBox>x</FiltersBox>);
    expect(container.querySelector('summary')!.textContent).toBe('Filters');
    expect(container.querySelector('details')!.open).toBe(false);
    rerender(<FiltersBox active>x</FiltersBox>);
    expect(container.querySelector('summary')!.textContent).toBe('Filters •');
  });
});
