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
    // Which invitations block is judged again for every event: previewed first, saved on Apply.
    expect(api.sync.preview).toHaveBeenCalledWith({ settings: { invitationsBlock: 'accepted' } });
    expect(api.settings.set).not.toHaveBeenCalledWith({ key: 'invitationsBlock', value: 'accepted' });
    await userEvent.click(await screen.findByRole('button', { name: 'Apply' }));
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

  it('crowded calendars: ineligible ones greyed with their reason; each choice is previewed, applied, with Undo', async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={changed} />);
    const personal = await screen.findByRole('checkbox', { name: /Ada's personal/ });
    expect((personal as HTMLInputElement).disabled).toBe(true);
    expect(personal.closest('label')!.textContent).toContain('Personal calendar');
    expect((screen.getByRole('radio', { name: /Work/ }) as HTMLInputElement).checked).toBe(true);
    // No Save button: a choice is previewed when it is made (nothing saved), then applied.
    expect(screen.queryByRole('button', { name: /Save(?! Diagnostics)/ })).toBeNull();
    await userEvent.click(screen.getAllByRole('checkbox', { name: /Home/ })[0]);
    const proposed = { icloud: 'https://dav/work/', busy: ['https://dav/home/'], platformCalendars: ['cal-rr'] };
    expect(api.sync.preview).toHaveBeenCalledWith({ links: proposed });
    const panel = await screen.findByRole('region', { name: 'Preview of this change' });
    await within(panel).findByText('This change will create 143 blocked slots and 12 iCloud events, adopt 40 that already exist.');
    expect(api.links.set).not.toHaveBeenCalled();
    await userEvent.click(within(panel).getByRole('button', { name: 'Apply' }));
    expect(api.links.set).toHaveBeenCalledWith(proposed);
    await screen.findByText(/Calendars saved. The next sync uses them./);
    expect(changed).toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(api.links.set).toHaveBeenLastCalledWith({ icloud: 'https://dav/work/', busy: [], platformCalendars: ['cal-rr'] });
    await screen.findByText(/Calendars put back/);
    expect((screen.getAllByRole('checkbox', { name: /Home/ })[0] as HTMLInputElement).checked).toBe(false);
    expect(calendars().filter((c) => !c.eligible)).toHaveLength(3);
  });

  it('a wider window is previewed first: Cancel leaves it as saved, Apply saves it', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    const future = (await screen.findByLabelText('Days after today')) as HTMLInputElement;
    const saved = future.value;
    await userEvent.clear(future);
    await userEvent.type(future, '200{Enter}');
    expect(api.sync.preview).toHaveBeenCalledWith({ settings: { futureDays: 200 } });
    const panel = await screen.findByRole('region', { name: 'Preview of this change' });
    expect(panel.textContent).toContain('Days after today: 200');
    await within(panel).findByText(/This change will create 143 blocked slots/);
    await userEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'Preview of this change' })).toBeNull();
    expect(future.value).toBe(saved);
    expect(api.settings.set).not.toHaveBeenCalled();

    const free = screen.getByRole('switch', { name: 'Free events block time too' }) as HTMLInputElement;
    await userEvent.click(free);
    expect(api.sync.preview).toHaveBeenLastCalledWith({ settings: { freeEventsBlock: true } });
    await userEvent.click(await screen.findByRole('button', { name: 'Apply' }));
    expect(api.settings.set).toHaveBeenCalledWith({ key: 'freeEventsBlock', value: true });
  });

  it('a preview that a guard would stop says so', async () => {
    const guarded = { outcome: 'guarded' as const, error: { kind: 'guard' as const, message: 'Stopped for safety.' },
      guard: { kind: 'creations' as const, detectedAt: '2030-01-01T08:00:00Z', message: 'Many new blocked slots.',
        items: [{ side: 'platform' as const, key: 'k', title: 'Event', start: '2030-01-01T10:00:00Z', end: '2030-01-01T11:00:00Z', allDay: false }] } };
    const base = await fakeApi().api.sync.preview(undefined);
    const { api } = fakeApi({ sync: { preview: vi.fn(async () => ({ ...base, ...guarded })) } });
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    const past = await screen.findByLabelText('Days before today');
    await userEvent.clear(past);
    await userEvent.type(past, '60{Enter}');
    await screen.findByText('The next sync would stop for safety and ask you first: 1 blocked slot would be created on the platform.');
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
    await userEvent.click(screen.getByRole('button', { name: 'Remove everything this app made and disconnect iCloud' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove everything this app made?' });
    await within(dialog).findByText('Will delete 3 iCloud copies of appointments and 5 blocked slots this app made. Your own events and the appointments stay.');
    expect(api.accounts.disconnect).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove and Disconnect iCloud' }));
    expect(api.accounts.disconnect).toHaveBeenCalledWith({ side: 'icloud', removeCopies: true });
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
