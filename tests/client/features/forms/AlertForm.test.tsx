// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { AlertForm } from '../../../../client/src/features/alerts/AlertForm.js';
import { useNavStore } from '../../../../client/src/app/navStore.js';
import { buildAlert } from '../../factories.js';
import { ok, setUpForms, signInAs } from '../../render.js';

const forms = setUpForms();
beforeEach(() => signInAs('ops_officer'));

const fill = (title: string) => {
  fireEvent.click(screen.getByTestId('af-province-22'));
  fireEvent.change(screen.getByTestId('af-title'), { target: { value: title } });
};

describe('AlertForm', () => {
  it('only lists the provinces of the officer and cannot be issued before one is chosen', () => {
    render(<AlertForm />);
    expect(screen.queryByTestId('af-province-01')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('af-save').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('af-province-22'));
    expect(screen.getByTestId<HTMLButtonElement>('af-save').disabled).toBe(false);
  });

  it('sends the body the shared create schema takes and opens the new alert', async () => {
    const alert = buildAlert();
    forms.answer(() => ok(alert, 201));
    render(<AlertForm />);
    // A storm starts at level 3: choosing one moves a lower level up.
    fireEvent.click(screen.getByTestId('af-level-1'));
    fireEvent.change(screen.getByTestId('af-hazard'), { target: { value: 'storm' } });
    expect(screen.queryByTestId('af-level-1')).toBeNull();
    fill('  Storm Yagi  ');
    fireEvent.change(screen.getByLabelText('Bulletin number'), { target: { value: ' 12/TB ' } });
    fireEvent.click(screen.getByTestId('af-save'));
    await waitFor(() => expect(useNavStore.getState().detail).not.toBeNull());
    expect(forms.sent).toHaveLength(1);
    expect(forms.sent[0]).toMatchObject({ method: 'POST', path: '/api/alerts' });
    const body = forms.sent[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      hazard: 'storm',
      level: 3,
      title: 'Storm Yagi',
      provinceCodes: ['22'],
      communeCodes: [],
      polygon: null,
      storm: null,
      status: 'active',
      issuer: 'Org',
      bulletinNumber: '12/TB',
    });
    expect(Date.parse(body.validTo as string) - Date.parse(body.validFrom as string)).toBe(24 * 3_600_000);
    expect(useNavStore.getState().detail).toEqual({ kind: 'alert', id: alert.id });
  });

  it('refuses a bulletin number the schema does not take, naming the field, and sends nothing', async () => {
    forms.answer(() => ok({}));
    render(<AlertForm />);
    fill('Heavy rain');
    fireEvent.change(screen.getByLabelText('Bulletin number'), { target: { value: 'no #1' } });
    expect(await forms.saveRefused('af')).toBe('bulletinNumber: letters, digits and / . - only');
  });

  it('refuses a phone number in the title and a validity that ends before it starts', async () => {
    forms.answer(() => ok({}));
    render(<AlertForm />);
    fill('Call 0912 345 678');
    const from = screen.getByTestId<HTMLInputElement>('af-valid-from');
    fireEvent.change(screen.getByTestId('af-valid-to'), { target: { value: from.value } });
    const text = await forms.saveRefused('af');
    expect(text).toMatch(/^title: /);
    expect(text).toContain('validTo: must be after validFrom');
  });

  it('shows the server refusal next to the button', async () => {
    forms.answer(() => ({
      status: 403,
      body: { ok: false, error: { code: 'forbidden', message: 'not yours' } },
    }));
    render(<AlertForm />);
    fill('Heavy rain');
    fireEvent.click(screen.getByTestId('af-save'));
    expect((await screen.findByTestId('af-error')).textContent).toContain('not yours');
  });
});
