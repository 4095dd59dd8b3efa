// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuthStore } from '../../../../client/src/features/auth/authStore.js';
import { LoginForm } from '../../../../client/src/features/auth/LoginForm.js';
import { ok, setUpForms } from '../../render.js';

const forms = setUpForms();
beforeEach(() => useAuthStore.setState({ status: 'signed_out', me: null }));

const signIn = (username: string, password: string) => {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: username } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
};
const me = {
  id: '00000000-0000-4000-8000-00000000bbbb',
  username: 'ops.qn',
  displayName: 'Ops',
  role: 'ops_officer',
  orgId: '00000000-0000-4000-8000-00000000cccc',
  orgName: 'Org',
  scope: ['22'],
};

describe('LoginForm', () => {
  it('posts the trimmed user name and the password as typed, and signs in', async () => {
    forms.answer(() => ok(me));
    render(<LoginForm />);
    signIn('  ops.qn ', ' secret pass ');
    await waitFor(() => expect(useAuthStore.getState().status).toBe('signed_in'));
    expect(forms.sent).toEqual([
      { method: 'POST', path: '/api/auth/login', body: { username: 'ops.qn', password: ' secret pass ' } },
    ]);
  });

  it('says the credentials are wrong when the server refuses them', async () => {
    forms.answer(() => ({
      status: 401,
      body: { ok: false, error: { code: 'unauthorized', message: 'no' } },
    }));
    render(<LoginForm />);
    signIn('ops.qn', 'wrong');
    expect((await screen.findByTestId('login-error')).textContent).toBe('Wrong username or password.');
  });

  it('answers an empty sign-in as the server would, without sending it', async () => {
    forms.answer(() => ok(me));
    render(<LoginForm />);
    signIn('   ', '');
    expect((await screen.findByTestId('login-error')).textContent).toBe('Wrong username or password.');
    expect(forms.sent).toHaveLength(0);
  });
});
