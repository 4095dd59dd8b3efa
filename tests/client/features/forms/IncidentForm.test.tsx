// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  INCIDENT_AGE_BANDS,
  INCIDENT_SETTINGS,
  INCIDENT_TYPES,
  SURVIVOR_SEXES,
} from '../../../../shared/enums.js';
import { IncidentForm } from '../../../../client/src/features/incidents/IncidentForm.js';
import { ok, setUpForms, signInAs } from '../../render.js';

const forms = setUpForms();
beforeEach(() => signInAs('gbv_coordinator'));

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
/** Three incidents, each breakdown adding up to three. */
const fillThree = () => {
  type('if-total', '3');
  type('if-72h', '1');
  type('if-byType-rape', '2');
  type('if-byType-physical_assault', '1');
  type('if-bySex-female', '3');
  type('if-byAge-18-59', '3');
  type('if-bySetting-home', '3');
};
/** A form whose save would succeed, filled with three incidents in province 22. */
const openFilled = () => {
  forms.answer(() => ok({}));
  render(<IncidentForm />);
  type('if-province', '22');
  fillThree();
};
/** Save, expect the notice to say `message`, and nothing to have been sent. */
const expectRefused = async (message: string) => {
  fireEvent.click(screen.getByTestId('if-save'));
  await waitFor(() => expect(screen.getByTestId('if-notice').textContent).toBe(message));
  expect(forms.sent).toHaveLength(0);
};
const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

describe('IncidentForm', () => {
  it('sends counts only, each breakdown summing to the total, then clears the counts', async () => {
    forms.answer(() => ok({ id: '00000000-0000-4000-8000-000000000001' }, 201));
    render(<IncidentForm />);
    // Typed as the interface language writes a month (English here); the form holds `YYYY-MM`.
    type('if-period', '09/2024');
    type('if-province', '22');
    fillThree();
    fireEvent.click(screen.getByTestId('if-save'));
    await waitFor(() => expect(screen.getByTestId('if-notice').getAttribute('data-tone')).toBe('ok'));
    expect(forms.sent).toHaveLength(1);
    expect(forms.sent[0]).toMatchObject({ method: 'POST', path: '/api/incident-reports' });
    expect(forms.sent[0]!.body).toEqual({
      period: '2024-09',
      provinceCode: '22',
      counts: {
        total: 3,
        within72h: 1,
        byType: { ...zeros(INCIDENT_TYPES), rape: 2, physical_assault: 1 },
        bySex: { ...zeros(SURVIVOR_SEXES), female: 3 },
        byAge: { ...zeros(INCIDENT_AGE_BANDS), '18-59': 3 },
        bySetting: { ...zeros(INCIDENT_SETTINGS), home: 3 },
      },
    });
    expect(screen.getByTestId<HTMLInputElement>('if-total').value).toBe('');
    expect(screen.getByTestId<HTMLInputElement>('if-period').value).toBe('09/2024');
    expect(screen.getByTestId('if-period').dataset['value']).toBe('2024-09');
    expect(screen.getByTestId<HTMLSelectElement>('if-province').value).toBe('22');
  });

  it('asks for the province first, and sends nothing', async () => {
    forms.answer(() => ok({}));
    render(<IncidentForm />);
    fillThree();
    // The browser itself stops a click here (the select is required); a submit by other means still asks.
    fireEvent.submit(screen.getByTestId('incident-form'));
    await waitFor(() => expect(screen.getByTestId('if-notice').textContent).toBe('Choose a province.'));
    expect(forms.sent).toHaveLength(0);
  });

  it('shows a breakdown that does not add up and refuses to send it', async () => {
    openFilled();
    type('if-bySex-female', '2');
    expect(screen.getByTestId('if-bySex-female').closest('fieldset')!.getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(screen.getByTestId('if-byAge-18-59').closest('fieldset')!.getAttribute('aria-invalid')).toBe(
      'false',
    );
    await expectRefused('Every breakdown must add up to the total.');
  });

  it('names the field when more are seen within 72 hours than in all', async () => {
    openFilled();
    type('if-72h', '4');
    await expectRefused('counts.within72h: more than the total');
  });
});
