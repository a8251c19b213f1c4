// @vitest-environment happy-dom
// Several sub-accounts (issue 15) in the window: Status has a card per location, named by it, each
// with its own state; Settings lists every location by name, user and state, adds one with the
// onboarding form and removes one only once confirmed, saying what stays and what goes.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

  it('Settings: every location by name, user and state, each with Reconnect… and Remove…', () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={twoLocations()} onChanged={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Platform locations' });
    expect([...list.querySelectorAll('li .account-line > div:first-child')].map((row) => row.textContent)).toEqual([
      'Platform: Lovelace Studio Ada Lovelace · Working',
      'Platform: Hopper Clinic Ada Lovelace · Needs you',
    ]);
    for (const name of ['Lovelace Studio', 'Hopper Clinic']) {
      expect(within(list).getByRole('button', { name: `Reconnect ${name}` })).toBeTruthy();
      expect(within(list).getByRole('button', { name: `Remove ${name}` })).toBeTruthy();
    }
  });

  it('one location is listed the same way (it can be removed too)', () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Platform locations' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByRole('button', { name: 'Remove Location loc-1' })).toBeTruthy();
  });

  it('Add a Location… opens the connect form onboarding uses', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={twoLocations()} onChanged={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Add a Location…', expanded: false }));
    const form = screen.getByRole('form', { name: 'Connect the platform' });
    expect(within(form).getByLabelText('Private Integration Token')).toBeTruthy();
    expect((within(form).getByLabelText('Location ID') as HTMLInputElement).value).toBe('');
    // A location already connected is refused before anything is sent: its row has Reconnect….
    await userEvent.type(within(form).getByLabelText('Private Integration Token'), 'pit-token');
    await userEvent.type(within(form).getByLabelText('Location ID'), 'loc-2');
    await userEvent.click(within(form).getByRole('button', { name: 'Check Token' }));
    expect(within(form).getByText('This location is already connected: use Reconnect… on its row.')).toBeTruthy();
    expect(api.accounts.connectPlatform).not.toHaveBeenCalled();
    await userEvent.clear(within(form).getByLabelText('Location ID'));
    await userEvent.type(within(form).getByLabelText('Location ID'), 'loc-3');
    await userEvent.click(within(form).getByRole('button', { name: 'Check Token' }));
    expect(api.accounts.connectPlatform).toHaveBeenCalledWith({ token: 'pit-token', locationId: 'loc-3' });
  });

  it('Remove… asks first: Cancel (the focused button) and Escape change nothing', async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    renderWith(api, <SettingsView status={twoLocations()} onChanged={changed} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Hopper Clinic' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Hopper Clinic?' });
    expect(document.activeElement?.textContent).toBe('Cancel');
    await within(dialog).findByText('The iCloud copies of its appointments and the blocked slots this app made there stay where they are.');
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Remove Hopper Clinic' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.locations.remove).not.toHaveBeenCalled();
    expect(changed).not.toHaveBeenCalled();
  });

  it('Remove… says what goes elsewhere and, with the copies, previews them first; then removes that location only', async () => {
    const removalPreview = vi.fn(async ({ removeCopies }: { locationId: string; removeCopies: boolean }) => ({
      name: 'Hopper Clinic', last: false, releasedElsewhere: [{ locationId: 'loc-1', name: 'Lovelace Studio', count: 12 }],
      ...(removeCopies ? { copies: { ...(await fakeApi().api.copies.preview()) } } : {}),
    }));
    const { api } = fakeApi({ locations: { removalPreview } });
    const changed = vi.fn();
    renderWith(api, <SettingsView status={twoLocations()} onChanged={changed} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Hopper Clinic' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Hopper Clinic?' });
    await within(dialog).findByText('The next sync deletes 12 blocked slots in Lovelace Studio that this app made for its appointments.');
    await userEvent.click(within(dialog).getByLabelText('Also delete the copies this app made for Hopper Clinic'));
    expect(removalPreview).toHaveBeenLastCalledWith({ locationId: 'loc-2', removeCopies: true });
    await within(dialog).findByText('Will delete 3 iCloud copies of its appointments and 5 blocked slots this app made there. Your own events and the appointments stay.');
    expect(api.locations.remove).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove Location and Copies' }));
    expect(api.locations.remove).toHaveBeenCalledWith({ locationId: 'loc-2', removeCopies: true });
    await waitFor(() => expect(changed).toHaveBeenCalled());
  });

  it('the last location: the sheet says the app then asks to connect one', async () => {
    const { api } = fakeApi({ locations: { removalPreview: vi.fn(async () => ({ name: 'loc-1', releasedElsewhere: [], last: true })) } });
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Location loc-1' }));
    await screen.findByText('It is your only location: syncing stops, and the app asks you to connect one, as when you started.');
  });

  it('a failed removal says what happened, and that the location is still connected', async () => {
    const remove = vi.fn(async () => { throw new Error('“Consult” was changed in iCloud since the app wrote it, so it was not deleted.'); });
    const { api } = fakeApi({ locations: { remove } });
    const changed = vi.fn();
    renderWith(api, <SettingsView status={twoLocations()} onChanged={changed} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Hopper Clinic' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Hopper Clinic?' });
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Remove Location' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      '“Consult” was changed in iCloud since the app wrote it, so it was not deleted. Hopper Clinic is still connected; Remove… again finishes the job.',
    );
    expect(changed).not.toHaveBeenCalled();
  });

  it('Settings → Calendars: a chooser per location, previewed before it is applied; Cancel changes nothing', async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    renderWith(api, <SettingsView status={twoLocations()} onChanged={changed} />);
    const clinic = await screen.findByRole('combobox', { name: 'Appointments from Hopper Clinic go to' });
    expect((clinic as HTMLSelectElement).value).toBe('default');
    // The main calendar, and what could be linked that is not it (nor a busy source, nor subscribed).
    expect([...(clinic as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['the main calendar (Work)', 'Home']);
    await userEvent.selectOptions(clinic, 'https://dav/home/');
    const proposed = { icloud: 'https://dav/work/', busy: [], platformCalendars: ['cal-rr', 'cal-rr'], locationCalendars: { 'loc-2': 'https://dav/home/' } };
    expect(api.sync.preview).toHaveBeenCalledWith({ links: proposed });
    const panel = await screen.findByRole('region', { name: 'Preview of this change' });
    expect(api.links.set).not.toHaveBeenCalled();
    await userEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(api.links.set).not.toHaveBeenCalled();
    expect(((await screen.findByRole('combobox', { name: 'Appointments from Hopper Clinic go to' })) as HTMLSelectElement).value).toBe('default');

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Appointments from Hopper Clinic go to' }), 'https://dav/home/');
    await userEvent.click(within(await screen.findByRole('region', { name: 'Preview of this change' })).getByRole('button', { name: 'Apply' }));
    expect(api.links.set).toHaveBeenCalledWith(proposed);
    await screen.findByText(/The next sync moves those appointment copies/);
    expect(changed).toHaveBeenCalled();
  });

  it('Status names a location\'s own iCloud calendar, and nothing when it is the main one', () => {
    const { api } = fakeApi();
    const status = twoLocations();
    status.locations![1] = { ...status.locations![1]!, icloudCalendar: { id: 'https://dav/home/', name: 'Home' } };
    renderWith(api, <StatusView status={status} onOpen={vi.fn()} onChanged={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Platform: Hopper Clinic connection' }).textContent).toContain('Appointments go toHome');
    expect(screen.getByRole('region', { name: 'Platform: Lovelace Studio connection' }).textContent).not.toContain('Appointments go to');
  });
});
