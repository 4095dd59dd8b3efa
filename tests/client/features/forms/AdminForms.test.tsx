// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../../shared/schemas/auth.js';
import { OrgsSection } from '../../../../client/src/features/admin/OrgsSection.js';
import { TokensSection } from '../../../../client/src/features/admin/TokensSection.js';
import { UsersSection } from '../../../../client/src/features/admin/UsersSection.js';
import { useOrganisationStore } from '../../../../client/src/features/organisations/organisationStore.js';
import { ok, setUpForms, signInAs, type Sent } from '../../render.js';

const forms = setUpForms();
const org = {
  id: '00000000-0000-4000-8000-00000000cccc',
  name: 'Women Union',
  acronym: 'VWU',
  kind: 'mass_organisation',
  sectors: ['gbv'],
} as unknown as Organisation;
beforeEach(() => {
  signInAs('admin', null);
  useOrganisationStore.setState({ byId: { [org.id]: org } });
});

const token = {
  id: '00000000-0000-4000-8000-000000000077',
  name: 'SMS gateway',
  prefix: 'sho_ab12',
  orgId: org.id,
  role: 'viewer',
  scope: null,
  purpose: 'sms-gateway',
  createdAt: '2024-09-07T00:00:00.000Z',
  createdBy: null,
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
};
const posts = () => forms.sent.filter((s) => s.method !== 'GET');
const user = {
  id: '00000000-0000-4000-8000-000000000088',
  username: 'ops.qn',
  displayName: 'Ops QN',
  role: 'ops_officer',
  orgId: org.id,
  scope: ['22'],
  disabled: false,
  phone: null,
  createdAt: '2024-09-07T00:00:00.000Z',
};

describe('TokensSection', () => {
  it('lists the tokens and creates one for a purpose, showing its secret once', async () => {
    forms.answer((s: Sent) =>
      s.method === 'GET' ? ok([token]) : ok({ ...token, secret: 'sho_secret' }, 201),
    );
    render(<TokensSection />);
    const row = await screen.findByTestId('admin-token');
    expect(row.getAttribute('data-name')).toBe('SMS gateway');
    expect(row.textContent).toContain('VWU');
    const form = screen.getByTestId('admin-token-form');
    fireEvent.change(within(form).getByRole('textbox'), { target: { value: ' Cap feed ' } });
    const [orgSelect, purpose] = within(form).getAllByRole('combobox');
    fireEvent.change(orgSelect!, { target: { value: org.id } });
    fireEvent.change(purpose!, { target: { value: 'cap-feed' } });
    expect(within(form).getAllByRole('combobox')).toHaveLength(2);
    fireEvent.click(within(form).getByRole('button'));
    expect((await screen.findByTestId('admin-token-secret')).textContent).toContain('sho_secret');
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ method: 'POST', path: '/api/tokens' });
    expect(posts()[0]!.body).toMatchObject({ name: 'Cap feed', orgId: org.id, purpose: 'cap-feed' });
    expect(posts()[0]!.body).not.toHaveProperty('role');
    await waitFor(() => expect(within(form).getByRole<HTMLInputElement>('textbox').value).toBe(''));
  });

  it('revokes a token in place', async () => {
    forms.answer((s: Sent) =>
      s.method === 'GET' ? ok([token]) : ok({ ...token, revokedAt: token.createdAt }),
    );
    render(<TokensSection />);
    fireEvent.click(await screen.findByTestId('admin-token-revoke'));
    await waitFor(() => expect(screen.getByTestId('admin-token').className).toBe('row--stale'));
    expect(posts()[0]).toMatchObject({ method: 'DELETE', path: `/api/tokens/${token.id}` });
  });
});

describe('UsersSection', () => {
  /** Type a user name, a display name and a long enough password into the new-user form; returns the form. */
  const fillUser = (username: string, displayName: string) => {
    const form = screen.getByTestId('admin-user-form');
    const [usernameBox, displayNameBox] = within(form).getAllByRole('textbox');
    fireEvent.change(usernameBox!, { target: { value: username } });
    fireEvent.change(displayNameBox!, { target: { value: displayName } });
    fireEvent.change(form.querySelector('input[type="password"]')!, {
      target: { value: 'long enough pass' },
    });
    return form;
  };

  it('refuses a user name the shared schema does not take, naming the field, and sends nothing', async () => {
    forms.answer(() => ok([user]));
    render(<UsersSection />);
    expect((await screen.findByTestId('admin-user')).getAttribute('data-username')).toBe('ops.qn');
    const form = fillUser('Ops QN', 'Ops');
    fireEvent.change(within(form).getAllByRole('combobox')[1]!, { target: { value: org.id } });
    fireEvent.submit(form);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'username: lower-case letters, digits, dot, dash and underscore only',
      ),
    );
    expect(posts()).toHaveLength(0);
  });

  it('creates a national account with the body the shared schema takes', async () => {
    forms.answer((s: Sent) => (s.method === 'GET' ? ok([user]) : ok(user, 201)));
    render(<UsersSection />);
    const form = fillUser(' ops.hn ', 'Ops HN');
    const [role, orgSelect] = within(form).getAllByRole('combobox');
    fireEvent.change(role!, { target: { value: 'ops_officer' } });
    fireEvent.change(orgSelect!, { target: { value: org.id } });
    fireEvent.click(within(form).getByRole('button'));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(posts()[0]).toMatchObject({ method: 'POST', path: '/api/users' });
    expect(posts()[0]!.body).toEqual({
      username: 'ops.hn',
      displayName: 'Ops HN',
      password: 'long enough pass',
      role: 'ops_officer',
      orgId: org.id,
      scope: null,
    });
  });
});

describe('OrgsSection', () => {
  it('creates an organisation with its sectors, no acronym meaning none', async () => {
    forms.answer(() => ok({ ...org, id: '00000000-0000-4000-8000-000000000099', name: 'Legal Aid' }, 201));
    render(<OrgsSection />);
    expect(screen.getAllByTestId('admin-org')).toHaveLength(1);
    const form = screen.getByTestId('admin-org-form');
    fireEvent.change(within(form).getAllByRole('textbox')[0]!, { target: { value: ' Legal Aid ' } });
    fireEvent.change(within(form).getByRole('combobox'), { target: { value: 'legal_aid' } });
    fireEvent.click(within(form).getByLabelText('GBV'));
    fireEvent.click(within(form).getByRole('button'));
    await waitFor(() => expect(screen.getAllByTestId('admin-org')).toHaveLength(2));
    expect(posts()[0]!.body).toEqual({
      name: 'Legal Aid',
      acronym: null,
      kind: 'legal_aid',
      sectors: ['gbv'],
    });
  });
});
