// @vitest-environment happy-dom
// Settings: loading, error, every setting of cli.md with its validation, switches, calendars with
// ineligible ones greyed, and disconnect that asks first.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../../src/renderer/src/views/settings/SettingsView';
import { settingKeys } from '../../../src/shared/settings';
import { calendars, connectedStatus, fakeApi, never, renderWith } from './fake-api';

describe('Settings', () => {
  it('loading', () => {
    const { api } = fakeApi({ settings: { get: never }, calendars: { list: never } });
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    const loading = screen.getAllByRole('status').map((s) => s.textContent);
    expect(loading.join(' ')).toMatch(/Loading settings/);
    expect(loading.join(' ')).toMatch(/Loading your calendars/);
  });

  it('error: settings and calendars that cannot be read say so', async () => {
    const { api } = fakeApi({
      settings: { get: vi.fn().mockRejectedValue(new Error('state.json could not be read.')) },
      calendars: { list: vi.fn().mockRejectedValue(new Error('The server could not be reached.')) },
    });
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toMatch(/could not be read.*could not be reached|could not be reached.*could not be read/);
  });

  it('every setting of cli.md has a control; bad numbers get a message and are not sent', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    const interval = await screen.findByLabelText('Sync every');
    const labels = ['Sync every', 'Days before today', 'Days after today', 'When an event changed on both sides', 'When you delete an iCloud event', 'Blocked slot titles', 'Titles in other locations', 'What crosses', 'Invitations that block time', 'Free events block time too', 'Open at login', 'Show notifications'];
    for (const label of labels) expect(screen.getByLabelText(label)).toBeTruthy();
    expect(labels).toHaveLength(settingKeys.length);

    await userEvent.clear(interval);
    await userEvent.type(interval, '0{Enter}');
    expect(screen.getByText('Enter minutes between syncs, a whole number from 1 to 1440.')).toBeTruthy();
    expect(interval.getAttribute('aria-invalid')).toBe('true');
    expect(api.settings.set).not.toHaveBeenCalled();
    await userEvent.clear(interval);
    await userEvent.type(interval, '15{Enter}');
    expect(api.settings.set).toHaveBeenCalledWith({ key: 'interval', value: 15 });

    const future = screen.getByLabelText('Days after today');
    await userEvent.clear(future);
    await userEvent.type(future, '400');
    await userEvent.tab();
    expect(screen.getByText('Enter days after today to sync, a whole number from 1 to 365.')).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('When an event changed on both sides'), 'newest');
    expect(api.settings.set).toHaveBeenCalledWith({ key: 'conflictPolicy', value: 'newest' });
    const invitations = screen.getByLabelText('Invitations that block time') as HTMLSelectElement;
    expect(invitations.value).toBe('unanswered');
    await userEvent.selectOptions(invitations, 'accepted');
    expect(api.settings.set).toHaveBeenCalledWith({ key: 'invitationsBlock', value: 'accepted' });
    const login = screen.getByRole('switch', { name: 'Open at login' }) as HTMLInputElement;
    await userEvent.click(login);
    expect(login.checked).toBe(true);
    expect(api.settings.set).toHaveBeenCalledWith({ key: 'launchAtLogin', value: true });
  });

  it('a refused save is put back and explained', async () => {
    const { api } = fakeApi({ settings: { set: vi.fn().mockRejectedValue(new Error('The keychain is locked. Unlock it and try again.')) } });
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    const notifications = (await screen.findByRole('switch', { name: 'Show notifications' })) as HTMLInputElement;
    await userEvent.click(notifications);
    expect((await screen.findByText('The keychain is locked. Unlock it and try again.')).closest('[role=alert]')).toBeTruthy();
    expect(notifications.checked).toBe(true);
  });

  it('crowded calendars: ineligible ones greyed with their reason; each choice is saved at once, with Undo', async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={changed} />);
    const personal = await screen.findByRole('checkbox', { name: /Ada's personal/ });
    expect((personal as HTMLInputElement).disabled).toBe(true);
    expect(personal.closest('label')!.textContent).toContain('Personal calendar');
    expect((screen.getByRole('radio', { name: /Work/ }) as HTMLInputElement).checked).toBe(true);
    // Like every other setting here: no Save button, the change is saved when it is made.
    expect(screen.queryByRole('button', { name: /Save(?! Diagnostics)/ })).toBeNull();
    await userEvent.click(screen.getAllByRole('checkbox', { name: /Home/ })[0]);
    expect(api.links.set).toHaveBeenCalledWith({ icloud: 'https://dav/work/', busy: ['https://dav/home/'], platformCalendars: ['cal-rr'] });
    await screen.findByText(/Calendars saved. The next sync uses them./);
    expect(changed).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.links.set).toHaveBeenLastCalledWith({ icloud: 'https://dav/work/', busy: [], platformCalendars: ['cal-rr'] });
    await screen.findByText(/Calendars put back/);
    expect((screen.getAllByRole('checkbox', { name: /Home/ })[0] as HTMLInputElement).checked).toBe(false);
    expect(calendars().filter((c) => !c.eligible)).toHaveLength(3);
  });

  it('disconnect asks first, and only then disconnects', async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={changed} />);
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect iCloud' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect iCloud?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.accounts.disconnect).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect iCloud' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Disconnect' }));
    expect(api.accounts.disconnect).toHaveBeenCalledWith({ side: 'icloud' });
    await waitFor(() => expect(changed).toHaveBeenCalled());
  });

  it('remove everything this app made: a preview first, then removes the copies and disconnects', async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={changed} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove everything this app made and disconnect Platform' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove everything this app made?' });
    await within(dialog).findByText('Will delete 3 iCloud copies of appointments and 5 blocked slots this app made. Your own events and the appointments stay.');
    expect(api.accounts.disconnect).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove and Disconnect Platform' }));
    expect(api.accounts.disconnect).toHaveBeenCalledWith({ side: 'platform', removeCopies: true });
    await waitFor(() => expect(changed).toHaveBeenCalled());
  });

  it('reconnect opens the connect form with the account filled in', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect iCloud' }));
    expect((screen.getByLabelText('Apple ID') as HTMLInputElement).value).toBe('alice@example.com');
    expect(screen.getByRole('button', { name: 'Reconnect iCloud', expanded: true })).toBeTruthy();
  });
});
