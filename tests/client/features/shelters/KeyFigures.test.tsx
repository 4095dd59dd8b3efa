// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { KeyFigures } from '../../../../client/src/features/shelters/KeyFigures.js';
import { useShelterStore } from '../../../../client/src/features/shelters/shelterStore.js';
import { useServiceStore } from '../../../../client/src/features/services/serviceStore.js';
import { useRequestStore } from '../../../../client/src/features/requests/requestStore.js';
import { useDomainLoadStore } from '../../../../client/src/app/domainLoad.js';
import { firstAvailability } from '../../../../shared/schemas/services.js';
import { buildShelter } from '../../../helpers/factories.js';
import { buildService } from '../../factories.js';
import { setUpForms, signInAs } from '../../render.js';

setUpForms();

const figure = (key: string) => screen.getByTestId(`figure-${key}`);

describe('KeyFigures while the snapshot comes in parts', () => {
  beforeEach(() => {
    signInAs('shelter_manager');
    useDomainLoadStore.getState().reset();
    useShelterStore.getState().replaceAll([buildShelter({ provinceCode: '22', occupancy: 40 })]);
    useServiceStore.getState().replaceAll([]);
    useRequestStore.getState().replaceAll([]);
  });

  it('shows a grey block, never 0, for services down and open requests until their domains arrive', () => {
    // The first part: the shelter list's domains only.
    useDomainLoadStore.getState().mark(['shelters', 'alerts', 'organisations']);
    render(<KeyFigures />);
    expect(figure('peopleSheltered').getAttribute('data-value')).toBe('40');
    for (const key of ['servicesDown', 'openRequests']) {
      expect(figure(key).getAttribute('data-value')).toBeNull();
      expect(figure(key).getAttribute('aria-busy')).toBe('true');
      expect(figure(key).querySelector('[data-testid="figure-loading"]')).not.toBeNull();
      expect(figure(key).textContent).not.toMatch(/\d/);
    }

    // The rest arrives: a closed service counts, and no request is a true 0.
    act(() => {
      useServiceStore.getState().replaceAll([
        buildService({
          provinceCode: '22',
          availability: firstAvailability('closed', new Date().toISOString(), null),
        }),
      ]);
      useRequestStore.getState().replaceAll([]);
      useDomainLoadStore.getState().mark(['services', 'requests']);
    });
    expect(figure('servicesDown').getAttribute('data-value')).toBe('1');
    expect(figure('openRequests').getAttribute('data-value')).toBe('0');
    expect(screen.queryByTestId('figure-loading')).toBeNull();
  });
});
