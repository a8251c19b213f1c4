// @vitest-environment happy-dom
// Several sub-accounts (issue 15) in the window: Status has a card per location, named by it, each
// with its own state; Settings lists every location by name, user and state.
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { StatusView as Status } from '../../../src/shared/status';
import { StatusView } from '../../../src/renderer/src/views/status/StatusView';
import { SettingsView } from '../../../src/renderer/src/views/settings/SettingsView';
import { connectedStatus, fakeApi, renderWith } from './fake-api';

function twoLocations(): Status {
  const base = connectedStatus();
  const a = { ...base.platform, locationName: 'Lovelace Studio' };
  const b = { ...base.platform, locationId: 'loc-2', locationName: 'Hopper Clinic', health: 'error' as const, message: 'Location Hopper Clinic (loc-2): the platform token was rejected.' };
  return connectedStatus({ platform: a, locations: [a, b] });
}

describe('several locations in the window', () => {
  it('Status: one card per location, each named and with its own state', () => {
    const { api } = fakeApi();
    renderWith(api, <StatusView status={twoLocations()} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const studio = screen.getByRole('region', { name: 'Platform: Lovelace Studio connection' });
    const clinic = screen.getByRole('region', { name: 'Platform: Hopper Clinic connection' });
    expect(studio.querySelector('.state-ok')?.textContent).toBe('Working');
    expect(clinic.querySelector('.state-error')?.textContent).toBe('Needs you');
    expect(clinic.textContent).toContain('token was rejected');
  });

  it('Status with one location keeps its one "Platform" card', () => {
    const { api } = fakeApi();
    renderWith(api, <StatusView status={connectedStatus()} onOpen={vi.fn()} onChanged={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Platform connection' })).toBeTruthy();
  });

  it('Settings: every location by name, user and state', () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={twoLocations()} onChanged={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Platform locations' });
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Lovelace Studio · Ada Lovelace · Working',
      'Hopper Clinic · Ada Lovelace · Needs you',
    ]);
  });
});
