import { beforeEach, describe, expect, it } from 'vitest';
import { openId, useNavStore } from '../../../client/src/app/navStore.js';
import { useShelterStore } from '../../../client/src/features/shelters/shelterStore.js';
import { buildShelter } from '../../helpers/factories.js';

const nav = () => useNavStore.getState();

describe('selection (navStore.detail)', () => {
  beforeEach(() => {
    nav().reset();
    useShelterStore.getState().reset();
  });

  it('holds one record of any domain, shelters included: opening one replaces the other', () => {
    nav().open({ kind: 'service', id: 's1' });
    nav().open({ kind: 'shelter', id: 'h1' });
    expect(nav().detail).toEqual({ kind: 'shelter', id: 'h1' });
    expect(openId(nav().detail, 'shelter')).toBe('h1');
    expect(openId(nav().detail, 'service')).toBeNull();
    nav().open({ kind: 'alert', id: 'a1' });
    expect(openId(nav().detail, 'shelter')).toBeNull();
    expect(openId(nav().detail, 'alert')).toBe('a1');
  });

  it('opens the new-shelter form in place of a chosen shelter, and a created shelter in place of the form', () => {
    nav().open({ kind: 'shelter', id: 'h1' });
    nav().open({ kind: 'new-shelter' });
    expect(openId(nav().detail, 'shelter')).toBeNull();
    expect(nav().detail?.kind).toBe('new-shelter');
    nav().open({ kind: 'shelter', id: 'h2' });
    expect(nav().detail).toEqual({ kind: 'shelter', id: 'h2' });
  });

  it('closes whatever is open, and a form has no record id', () => {
    nav().open({ kind: 'new-request', shelterId: 'h1' });
    expect(openId(nav().detail, 'shelter')).toBeNull();
    nav().close();
    expect(nav().detail).toBeNull();
  });

  it('is not kept in the shelter store, and shelter data changes leave it alone', () => {
    const s = buildShelter();
    nav().open({ kind: 'shelter', id: s.id });
    useShelterStore.getState().replaceAll([s]);
    useShelterStore.getState().reset();
    expect(Object.keys(useShelterStore.getState()).sort()).toEqual(
      ['applyEvent', 'byId', 'replaceAll', 'reset', 'upsert'].sort(),
    );
    expect(openId(nav().detail, 'shelter')).toBe(s.id);
  });

  it('resets to the shelters tab with nothing open (sign-out)', () => {
    nav().setTab('requests');
    nav().open({ kind: 'request', id: 'r1' });
    nav().reset();
    expect(nav()).toMatchObject({ tab: 'shelters', detail: null });
  });
});
