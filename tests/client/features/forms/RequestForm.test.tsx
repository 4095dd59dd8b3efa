// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuthStore } from '../../../../client/src/features/auth/authStore.js';
import { RequestForm } from '../../../../client/src/features/requests/RequestForm.js';
import { useShelterStore } from '../../../../client/src/features/shelters/shelterStore.js';
import { buildShelter } from '../../../helpers/factories.js';
import { buildRequest } from '../../factories.js';
import { ok, setUpForms } from '../../render.js';

const forms = setUpForms();
const shelter = buildShelter({ name: 'Truong Tieu hoc Bai Chay' });

beforeEach(() => {
  useAuthStore.setState({
    me: {
      id: '00000000-0000-4000-8000-00000000bbbb',
      username: 'manager',
      displayName: 'Manager',
      role: 'shelter_manager',
      orgId: '00000000-0000-4000-8000-00000000cccc',
      orgName: 'Org',
      scope: ['22'],
    },
  });
  useShelterStore.getState().upsert(shelter);
});

describe('RequestForm', () => {
  it('comes pre-filled from a checklist gap and sends the body the shared schema takes', async () => {
    forms.answer((s) => ok(buildRequest({ title: (s.body as { title: string }).title }), 201));
    render(<RequestForm shelterId={shelter.id} checklistItem="lighting" onDone={() => undefined} />);
    expect(screen.getByTestId<HTMLInputElement>('rf-title').value).toContain(shelter.name);
    fireEvent.change(screen.getByTestId('rf-quantity'), { target: { value: '12' } });
    fireEvent.change(screen.getByTestId('rf-message'), { target: { value: '  Two lamps broke.  ' } });
    fireEvent.click(screen.getByTestId('rf-save'));
    await screen.findByTestId('rf-sent');
    expect(forms.sent).toHaveLength(1);
    expect(forms.sent[0]).toMatchObject({ method: 'POST', path: '/api/requests' });
    expect(forms.sent[0]!.body).toEqual({
      kind: 'lighting',
      title: expect.stringContaining(shelter.name) as string,
      toOrgId: null,
      toSector: 'gbv',
      shelterId: shelter.id,
      priority: 'urgent',
      quantity: 12,
      message: 'Two lamps broke.',
    });
  });

  it('refuses a quantity that is not a positive whole number, before sending', async () => {
    forms.answer(() => ok({}));
    render(<RequestForm shelterId={shelter.id} onDone={() => undefined} />);
    fireEvent.change(screen.getByTestId('rf-title'), { target: { value: 'Dignity kits' } });
    fireEvent.change(screen.getByTestId('rf-quantity'), { target: { value: '1.5' } });
    expect(await forms.saveRefused('rf')).toBe('Quantity must be a positive whole number.');
  });

  it('refuses a phone number in free text with its reason, naming the field', async () => {
    forms.answer(() => ok({}));
    render(<RequestForm shelterId={shelter.id} onDone={() => undefined} />);
    fireEvent.change(screen.getByTestId('rf-title'), { target: { value: 'Call 0912 345 678 for kits' } });
    fireEvent.click(screen.getByTestId('rf-save'));
    await waitFor(() => expect(screen.getByTestId('rf-error').textContent).toMatch(/^title: /));
    expect(forms.sent).toHaveLength(0);
  });

  it('shows the server refusal next to the button', async () => {
    forms.answer(() => ({
      status: 403,
      body: { ok: false, error: { code: 'forbidden', message: 'not your shelter' } },
    }));
    render(<RequestForm shelterId={shelter.id} onDone={() => undefined} />);
    fireEvent.change(screen.getByTestId('rf-title'), { target: { value: 'Dignity kits' } });
    fireEvent.click(screen.getByTestId('rf-save'));
    expect((await screen.findByTestId('rf-error')).textContent).toContain('not your shelter');
    expect(forms.sent).toHaveLength(1);
  });
});
