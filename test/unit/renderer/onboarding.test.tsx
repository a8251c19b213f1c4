// @vitest-environment happy-dom
// Onboarding: format checks before sending, Apple's page through the allowed link, discovery errors
// in words, choosing yourself, and the calendar step's loading, error, empty and crowded states.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChooseCalendarsStep } from '../../../src/renderer/src/onboarding/ChooseCalendarsStep';
import { ConnectIcloudForm } from '../../../src/renderer/src/onboarding/ConnectIcloudForm';
import { ConnectPlatformForm } from '../../../src/renderer/src/onboarding/ConnectPlatformForm';
import type { CalendarEntry } from '../../../src/shared/calendars';
import { calendars, fakeApi, never, renderWith } from './fake-api';

describe('Connect iCloud', () => {
  it('refuses a password that is not app-specific before sending anything', async () => {
    const { api } = fakeApi();
    renderWith(api, <ConnectIcloudForm onConnected={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Apple ID'), 'alice@example.com');
    await userEvent.type(screen.getByLabelText('App-specific password'), 'hunter2');
    await userEvent.click(screen.getByRole('button', { name: 'Connect iCloud' }));
    expect(screen.getByText(/four groups of four letters/)).toBeTruthy();
    expect(screen.getByLabelText('App-specific password').getAttribute('aria-invalid')).toBe('true');
    expect(api.accounts.connectIcloud).not.toHaveBeenCalled();
  });

  it('sends a normalised password and reports discovery errors in words', async () => {
    const connected = vi.fn();
    const connectIcloud = vi.fn().mockRejectedValueOnce(new Error('Your iCloud app-specific password was rejected. Make a new one at account.apple.com.')).mockResolvedValue({ ok: true, calendars: [] });
    const { api } = fakeApi({ accounts: { connectIcloud } });
    renderWith(api, <ConnectIcloudForm onConnected={connected} />);
    await userEvent.type(screen.getByLabelText('Apple ID'), 'alice@example.com');
    // Uppercase and stray spaces from copying are normalised.
    await userEvent.type(screen.getByLabelText('App-specific password'), ' ABCD-EFGH-IJKL-MNOP ');
    await userEvent.click(screen.getByRole('button', { name: 'Connect iCloud' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/was rejected/);
    expect(connectIcloud).toHaveBeenCalledWith({ appleId: 'alice@example.com', password: 'abcd-efgh-ijkl-mnop' });
    expect(connected).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Connect iCloud' }));
    await waitFor(() => expect(connected).toHaveBeenCalledOnce());
  });

  it('never shows a bare HTTP code', async () => {
    const { api } = fakeApi({ accounts: { connectIcloud: vi.fn().mockRejectedValue(new Error('503')) } });
    renderWith(api, <ConnectIcloudForm onConnected={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Apple ID'), 'alice@example.com');
    await userEvent.type(screen.getByLabelText('App-specific password'), 'abcd-efgh-ijkl-mnop');
    await userEvent.click(screen.getByRole('button', { name: 'Connect iCloud' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toMatch(/503/);
    expect(alert.textContent).toMatch(/Something went wrong/);
  });

  it('opens Apple’s account page through the allowed link', async () => {
    const { api } = fakeApi();
    renderWith(api, <ConnectIcloudForm onConnected={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Open account.apple.com' }));
    expect(api.app.openExternal).toHaveBeenCalledWith({ url: 'https://account.apple.com' });
  });
});

describe('Connect the platform', () => {
  it('asks for the token and location, then who you are, then connects as that user', async () => {
    const connected = vi.fn();
    const users = [
      { id: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: 'u-grace', name: 'Grace Hopper', email: 'grace@example.com' },
    ];
    const connectPlatform = vi.fn().mockResolvedValueOnce({ status: 'choose-user', users }).mockResolvedValueOnce({ status: 'connected' });
    const { api } = fakeApi({ accounts: { connectPlatform } });
    renderWith(api, <ConnectPlatformForm onConnected={connected} />);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Paste your Private Integration Token.')).toBeTruthy();
    expect(screen.getByText('Enter your location ID.')).toBeTruthy();
    expect(connectPlatform).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText('Private Integration Token'), 'pit-1');
    await userEvent.type(screen.getByLabelText('Location ID'), 'loc-1');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(await screen.findByRole('radio', { name: /Grace Hopper/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Connect the Platform' }));
    await waitFor(() => expect(connected).toHaveBeenCalledOnce());
    expect(connectPlatform).toHaveBeenLastCalledWith({ token: 'pit-1', locationId: 'loc-1', userId: 'u-grace' });
  });

  it('names the location (not its id) when asking who you are, once the platform told its name', async () => {
    const users = [{ id: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.com' }];
    const connectPlatform = vi.fn().mockResolvedValueOnce({ status: 'choose-user', users, locationName: 'Lovelace Studio' });
    const { api } = fakeApi({ accounts: { connectPlatform } });
    renderWith(api, <ConnectPlatformForm onConnected={vi.fn()} />);
    await userEvent.type(screen.getByLabelText('Private Integration Token'), 'pit-1');
    await userEvent.type(screen.getByLabelText('Location ID'), 'loc-1');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/Which of these people at Lovelace Studio is you\?/)).toBeTruthy();
  });
});

describe('Choose calendars', () => {
  it('loading', () => {
    const { api } = fakeApi({ calendars: { list: never } });
    renderWith(api, <ChooseCalendarsStep onLinked={vi.fn()} finishing={false} />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading your calendars/);
  });

  it('error, then retry', async () => {
    const list = vi.fn().mockRejectedValueOnce(new Error('The server could not be reached.')).mockResolvedValue(calendars());
    const { api } = fakeApi({ calendars: { list } });
    renderWith(api, <ChooseCalendarsStep onLinked={vi.fn()} finishing={false} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be reached/);
    await userEvent.click(screen.getByRole('button', { name: 'Try Again' }));
    await screen.findByRole('radio', { name: /Work/ });
  });

  it('empty: says what to do and will not link nothing', async () => {
    const { api } = fakeApi({ calendars: { list: async () => [] } });
    renderWith(api, <ChooseCalendarsStep onLinked={vi.fn()} finishing={false} />);
    await screen.findByText(/No iCloud calendars were found/);
    await userEvent.click(screen.getByRole('button', { name: 'Preview First Sync' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Choose the iCloud calendar/);
    expect(api.links.set).not.toHaveBeenCalled();
    expect(api.sync.preview).not.toHaveBeenCalled();
  });

  it('crowded: many calendars, ineligible ones disabled with their reason; previews, then links and starts the first sync', async () => {
    const many: CalendarEntry[] = [
      ...calendars(),
      ...Array.from({ length: 40 }, (_, i): CalendarEntry => ({ side: 'platform', id: `cal-${i}`, name: `Service ${i}`, type: 'service_booking', eligible: true, mine: i % 2 === 0 })),
    ];
    const linked = vi.fn();
    const { api } = fakeApi({ calendars: { list: async () => many } });
    renderWith(api, <ChooseCalendarsStep onLinked={linked} finishing={false} />);
    const simple = await screen.findByRole('checkbox', { name: /Simple calendar/ });
    expect((simple as HTMLInputElement).disabled).toBe(true);
    // The reason is a sentence that does not repeat the name ("Simple calendar — Simple calendar" was the bug).
    expect(simple.closest('label')!.textContent).toBe('Simple calendarSimple calendars can’t be synced');
    expect((screen.getByRole('radio', { name: /Holidays/ }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByRole('radio', { name: /Holidays/ }).closest('label')!.textContent).toContain('Subscribed calendar');
    // Yours are ticked by default; the others are offered.
    expect((screen.getByRole('checkbox', { name: /Service 0/ }) as HTMLInputElement).checked).toBe(true);
    // Not on the calendar's team: none of its appointments are the user's, so it cannot be ticked.
    const notMine = screen.getByRole('checkbox', { name: /Service 1\b/ }) as HTMLInputElement;
    expect([notMine.checked, notMine.disabled]).toEqual([false, true]);
    expect(notMine.closest('label')!.textContent).toMatch(/not on this calendar’s team/);
    await userEvent.click(screen.getAllByRole('checkbox', { name: /Home/ })[0]);
    await userEvent.click(screen.getByRole('button', { name: 'Preview First Sync' }));
    // The preview first: nothing linked, no sync started, until "Start Syncing".
    await screen.findByText('Will create 143 blocked slots and 12 iCloud events; will adopt 40 that already exist.');
    expect(vi.mocked(api.sync.preview).mock.calls[0][0]?.links?.icloud).toBe('https://dav/work/');
    expect(api.links.set).not.toHaveBeenCalled();
    expect(api.sync.now).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Start Syncing' }));
    await waitFor(() => expect(linked).toHaveBeenCalledOnce());
    const links = vi.mocked(api.links.set).mock.calls[0][0];
    expect(links.icloud).toBe('https://dav/work/');
    expect(links.busy).toEqual(['https://dav/home/']);
    expect(links.platformCalendars).toContain('cal-rr');
    expect(links.platformCalendars).not.toContain('cal-simple');
    expect(api.sync.now).toHaveBeenCalledOnce();
  });
});
