// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useNavStore } from '../../../../client/src/app/navStore.js';
import { useAuthStore } from '../../../../client/src/features/auth/authStore.js';
import { useOutboxStore } from '../../../../client/src/features/outbox/outboxStore.js';
import { CreateShelterForm } from '../../../../client/src/features/shelters/CreateShelterForm.js';
import { buildShelter } from '../../../helpers/factories.js';
import { ok, setUpForms, signInAs } from '../../render.js';

const forms = setUpForms();
beforeEach(() => {
  signInAs('ops_officer');
  return useOutboxStore.getState().open('00000000-0000-4000-8000-00000000aaaa');
});
afterEach(() => useOutboxStore.getState().close());

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const renderForm = () => render(<CreateShelterForm me={useAuthStore.getState().me!} />);

describe('CreateShelterForm', () => {
  it('starts at the province label point and posts the body the shared create schema takes', async () => {
    const shelter = buildShelter();
    forms.answer(() => ok(shelter, 201));
    renderForm();
    type('cs-name', '  Truong THCS Hong Gai ');
    type('cs-kind', 'commune_hall');
    type('cs-province', '22');
    expect(screen.getByTestId<HTMLInputElement>('cs-lat').value).toBe('21');
    type('cs-lon', '107,05');
    type('cs-capacity', '250');
    fireEvent.click(screen.getByTestId('cs-status-open'));
    fireEvent.click(screen.getByTestId('cs-submit'));
    await waitFor(() => expect(useNavStore.getState().detail).toEqual({ kind: 'shelter', id: shelter.id }));
    expect(forms.sent).toHaveLength(1);
    expect(forms.sent[0]).toMatchObject({ method: 'POST', path: '/api/shelters' });
    expect(forms.sent[0]!.body).toEqual({
      name: 'Truong THCS Hong Gai',
      kind: 'commune_hall',
      provinceCode: '22',
      lat: 21,
      lon: 107.05,
      capacity: 250,
      status: 'open',
      occupancy: 0,
      households: 0,
    });
  });

  it('lists the fields to check, marks a position outside Viet Nam, and sends nothing', async () => {
    forms.answer(() => ok({}));
    renderForm();
    type('cs-lat', '48.85');
    expect(screen.getByTestId('cs-lat').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('cs-lon').getAttribute('aria-invalid')).toBe('false');
    type('cs-capacity', '12.5');
    fireEvent.click(screen.getByTestId('cs-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('cs-notice').textContent).toBe(
        'Please check: Name, Province, Latitude, Longitude, Capacity (people)',
      ),
    );
    expect(forms.sent).toHaveLength(0);
  });

  it('shows the server refusal field by field', async () => {
    forms.answer(() => ({
      status: 400,
      body: {
        ok: false,
        error: { code: 'validation', message: 'bad', issues: [{ path: 'name', message: 'taken' }] },
      },
    }));
    renderForm();
    type('cs-name', 'Hall');
    type('cs-province', '22');
    type('cs-capacity', '10');
    fireEvent.click(screen.getByTestId('cs-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('cs-notice').textContent).toBe('Please check: name: taken'),
    );
  });
});
