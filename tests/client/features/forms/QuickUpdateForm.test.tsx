// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useOutboxStore } from '../../../../client/src/features/outbox/outboxStore.js';
import { QuickUpdateForm } from '../../../../client/src/features/shelters/QuickUpdateForm.js';
import { buildShelter } from '../../../helpers/factories.js';
import { ok, setUpForms } from '../../render.js';

const forms = setUpForms();
beforeEach(() => useOutboxStore.getState().open('00000000-0000-4000-8000-00000000aaaa'));
afterEach(() => useOutboxStore.getState().close());

describe('QuickUpdateForm', () => {
  it('refuses a count the patch would not take, naming the field, and sends nothing', async () => {
    forms.answer(() => ok({}));
    render(<QuickUpdateForm shelter={buildShelter()} />);
    // Digits only (the box's own pattern lets it through), but more people than any shelter holds.
    fireEvent.change(screen.getByTestId('qf-occupancy'), { target: { value: '99999999' } });
    expect(screen.getByTestId('qf-occupancy').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByTestId('qf-save'));
    const notice = await screen.findByTestId('qf-notice');
    expect(notice.getAttribute('data-tone')).toBe('error');
    expect(notice.textContent).toContain('People now');
    expect(notice.textContent).not.toContain('Households');
    expect(forms.sent).toHaveLength(0);
  });

  it('says nothing changed rather than sending an empty patch', async () => {
    forms.answer(() => ok({}));
    render(<QuickUpdateForm shelter={buildShelter()} />);
    fireEvent.click(screen.getByTestId('qf-save'));
    expect((await screen.findByTestId('qf-notice')).getAttribute('data-tone')).toBe('warn');
    expect(forms.sent).toHaveLength(0);
  });

  it('sends only what changed, with the version, and shows the result beside the button', async () => {
    const shelter = buildShelter({ version: 4, occupancy: 10, status: 'open' });
    forms.answer((s) => ok({ ...shelter, ...(s.body as object), version: 5 }));
    render(<QuickUpdateForm shelter={shelter} />);
    fireEvent.click(screen.getByTestId('qf-status-full').querySelector('input')!);
    fireEvent.change(screen.getByTestId('qf-occupancy'), { target: { value: '42' } });
    fireEvent.click(screen.getByTestId('qf-need-water-out').querySelector('input')!);
    fireEvent.click(screen.getByTestId('qf-save'));
    await waitFor(() => expect(screen.getByTestId('qf-notice').getAttribute('data-tone')).toBe('ok'));
    expect(forms.sent).toEqual([
      {
        method: 'PATCH',
        path: `/api/shelters/${shelter.id}`,
        body: { version: 4, status: 'full', occupancy: 42, needs: { water: 'out' } },
      },
    ]);
    expect(screen.getByTestId('qf-actions').contains(screen.getByTestId('qf-notice'))).toBe(true);
  });
});
