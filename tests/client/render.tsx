import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, expect, vi } from 'vitest';
import type { Me } from '../../shared/schemas/auth.js';
import { useAreaStore } from '../../client/src/features/areas/areaStore.js';
import { useAuthStore } from '../../client/src/features/auth/authStore.js';
import {
  initI18n,
  loadNamespaces,
  SCREEN_NAMESPACES,
  setLanguage,
  SHELL_NAMESPACES,
  MAP_NAMESPACES,
} from '../../client/src/i18n/index.js';

/** A recorded call to the stubbed `fetch`. */
export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Set up component tests (run under jsdom): English strings with the GBV pack, and a `fetch`
 * that records what the form sends and answers with `reply(sent)`.
 */
export function setUpForms() {
  const sent: Sent[] = [];
  let reply: (s: Sent) => { status: number; body: unknown } = () => ({ status: 500, body: {} });
  beforeAll(async () => {
    await initI18n();
    await setLanguage('en');
    await loadNamespaces([...SHELL_NAMESPACES, ...MAP_NAMESPACES, ...SCREEN_NAMESPACES]);
  });
  afterEach(() => {
    cleanup();
    sent.length = 0;
    vi.unstubAllGlobals();
  });
  const answer = (fn: typeof reply) => {
    reply = fn;
    vi.stubGlobal(
      'fetch',
      vi.fn((path: string, init: RequestInit) => {
        const s: Sent = {
          method: init.method ?? 'GET',
          path,
          body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        };
        sent.push(s);
        const r = reply(s);
        return Promise.resolve(
          new Response(JSON.stringify(r.body), {
            status: r.status,
            headers: { 'Content-Type': 'application/json' },
          }),
        );
      }),
    );
  };
  /** Click the form's `${prefix}-save`, check nothing was sent, and give the text of its `${prefix}-error`. */
  const saveRefused = async (prefix: string) => {
    fireEvent.click(screen.getByTestId(`${prefix}-save`));
    const text = (await screen.findByTestId(`${prefix}-error`)).textContent;
    expect(sent).toHaveLength(0);
    return text;
  };
  return { sent, answer, saveRefused };
}

/** An envelope of success. */
export const ok = (data: unknown, status = 200) => ({ status, body: { ok: true, data } });

/** Sign in as `role` of "Org", scoped to Quang Ninh (22), with Quang Ninh and Ha Noi known. */
export function signInAs(role: Me['role'], scope: Me['scope'] = ['22']) {
  useAuthStore.setState({
    me: {
      id: '00000000-0000-4000-8000-00000000bbbb',
      username: role,
      displayName: role,
      role,
      orgId: '00000000-0000-4000-8000-00000000cccc',
      orgName: 'Org',
      scope,
    },
  });
  const provinces = [
    {
      code: '22',
      level: 'province',
      nameVi: 'Quảng Ninh',
      nameEn: 'Quang Ninh',
      parentCode: null,
      lat: 21.0,
      lon: 107.3,
    },
    {
      code: '01',
      level: 'province',
      nameVi: 'Hà Nội',
      nameEn: 'Ha Noi',
      parentCode: null,
      lat: 21.03,
      lon: 105.85,
    },
  ] as const;
  useAreaStore.setState({ provinces, byCode: Object.fromEntries(provinces.map((p) => [p.code, p])) });
}
