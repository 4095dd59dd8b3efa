// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AvailabilityForm } from '../../../../client/src/features/services/AvailabilityForm.js';
import { useServiceStore } from '../../../../client/src/features/services/serviceStore.js';
import { buildService } from '../../factories.js';
import { ok, setUpForms } from '../../render.js';

const forms = setUpForms();

describe('AvailabilityForm', () => {
  it('posts status, reasons, stock and a note with the version, and says it is saved', async () => {
    const s = buildService({ version: 3, types: ['health_cmr'] });
    forms.answer(() => ok({ ...s, version: 4 }, 201));
    render(<AvailabilityForm service={s} />);
    fireEvent.click(screen.getByTestId('av-status-limited').querySelector('input')!);
    fireEvent.click(screen.getByLabelText('no power'));
    fireEvent.click(screen.getByLabelText('Post-rape kits'));
    fireEvent.change(screen.getByTestId('av-stock-post_rape_kits'), { target: { value: '7' } });
    fireEvent.change(screen.getByTestId('av-level-post_rape_kits'), { target: { value: 'low' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: ' Generator tonight ' } });
    fireEvent.click(screen.getByTestId('av-save'));
    await waitFor(() => expect(screen.getByTestId('av-notice').getAttribute('data-tone')).toBe('ok'));
    expect(forms.sent).toEqual([
      {
        method: 'POST',
        path: `/api/services/${s.id}/availability`,
        body: {
          version: 3,
          status: 'limited',
          reasons: ['no_power'],
          expectedRestoreAt: null,
          stock: { post_rape_kits: { quantity: 7, level: 'low' } },
          note: 'Generator tonight',
        },
      },
    ]);
    expect(useServiceStore.getState().byId[s.id]?.version).toBe(4);
    expect(screen.getByLabelText<HTMLInputElement>('Note').value).toBe('');
  });

  it('refuses a stock quantity that is not a whole number, naming the item, before sending', async () => {
    forms.answer(() => ok({}));
    render(<AvailabilityForm service={buildService({ types: ['health_cmr'] })} />);
    fireEvent.click(screen.getByLabelText('Post-rape kits'));
    fireEvent.change(screen.getByTestId('av-stock-post_rape_kits'), { target: { value: '-2' } });
    fireEvent.click(screen.getByTestId('av-save'));
    await waitFor(() =>
      expect(screen.getByTestId('av-notice').textContent).toBe('Quantity not valid: Post-rape kits'),
    );
    expect(forms.sent).toHaveLength(0);
  });

  it('says so on a version conflict and keeps the newer record', async () => {
    const s = buildService({ version: 3 });
    const current = { ...s, version: 9 };
    forms.answer(() => ({
      status: 409,
      body: { ok: false, error: { code: 'conflict', message: 'stale', current } },
    }));
    render(<AvailabilityForm service={s} />);
    fireEvent.click(screen.getByTestId('av-save'));
    await waitFor(() => expect(screen.getByTestId('av-notice').getAttribute('data-tone')).toBe('error'));
    expect(useServiceStore.getState().byId[s.id]?.version).toBe(9);
  });
});
