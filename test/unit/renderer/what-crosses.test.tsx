// @vitest-environment happy-dom
// Settings → What crosses: a card per source (linked calendar, busy source, location), each filter
// checked before it is sent and saved as the whole `filters` setting; the copy-title templates.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../../src/renderer/src/views/settings/SettingsView';
import { connectedStatus, fakeApi, renderWith } from './fake-api';

const LINKED = 'https://dav/work/';

function statusWithBusy() {
  const status = connectedStatus();
  return { ...status, icloud: { ...status.icloud, busySources: [{ id: 'https://dav/family/', name: 'Family' }] }, platform: { ...status.platform, locationName: 'Downtown' } };
}

describe('Settings: What crosses', () => {
  it('one card per source, named as the user knows it; working hours only where events make blocks', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={statusWithBusy()} onChanged={vi.fn()} />);
    const linked = await screen.findByRole('region', { name: 'Linked calendar “Work”' });
    expect(within(linked).getByLabelText('Block only inside working hours')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Busy source “Family”' })).getByLabelText('Skip events whose title contains')).toBeTruthy();
    const location = screen.getByRole('region', { name: 'Location “Downtown”' });
    expect(within(location).queryByLabelText('Block only inside working hours')).toBeNull();
  });

  it('a location\'s own iCloud calendar has its card (its events block time, so working hours too)', async () => {
    const { api } = fakeApi();
    const status = statusWithBusy();
    renderWith(api, <SettingsView status={{ ...status, platform: { ...status.platform, icloudCalendar: { id: 'https://dav/home/', name: 'Home' } } }} onChanged={vi.fn()} />);
    const own = await screen.findByRole('region', { name: 'Calendar “Home” of Downtown' });
    expect(within(own).getByLabelText('Block only inside working hours')).toBeTruthy();
  });

  it('a title filter and working hours are saved for their source, one filter a line', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={statusWithBusy()} onChanged={vi.fn()} />);
    const linked = await screen.findByRole('region', { name: 'Linked calendar “Work”' });
    await userEvent.type(within(linked).getByLabelText('Skip events whose title contains'), 'lunch{Enter}/^private/i');
    await userEvent.tab();
    expect(api.settings.set).toHaveBeenLastCalledWith({ key: 'filters', value: { [LINKED]: { skipTitles: ['lunch', '/^private/i'], skipAllDay: false, workingHours: '' } } });
    await userEvent.type(within(linked).getByLabelText('Block only inside working hours'), 'Mon-Fri 9:00-17:30{Enter}');
    // The saved filters came back from main: the title filters stay beside the new hours.
    expect(api.settings.set).toHaveBeenLastCalledWith({ key: 'filters', value: { [LINKED]: { skipTitles: ['lunch', '/^private/i'], skipAllDay: false, workingHours: 'mon-fri 09:00-17:30' } } });
  });

  it('a bad filter stays in its box with the problem in words, and nothing is sent', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={statusWithBusy()} onChanged={vi.fn()} />);
    const busy = await screen.findByRole('region', { name: 'Busy source “Family”' });
    const titles = within(busy).getByLabelText('Skip events whose title contains');
    await userEvent.type(titles, '/(a+)+$/');
    await userEvent.tab();
    expect(within(busy).getByText(/can take very long to match/)).toBeTruthy();
    expect(titles.getAttribute('aria-invalid')).toBe('true');
    const hours = within(busy).getByLabelText('Block only inside working hours');
    await userEvent.type(hours, 'mon 17:00-09:00{Enter}');
    expect(within(busy).getByText(/the end must be after the start/)).toBeTruthy();
    expect(api.settings.set).not.toHaveBeenCalled();
  });

  it('skip all-day events is a switch per source', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={statusWithBusy()} onChanged={vi.fn()} />);
    const location = await screen.findByRole('region', { name: 'Location “Downtown”' });
    await userEvent.click(within(location).getByRole('switch', { name: 'Skip all-day events' }));
    expect(api.settings.set).toHaveBeenLastCalledWith({ key: 'filters', value: { 'loc-1': { skipTitles: [], skipAllDay: true, workingHours: '' } } });
  });

  it('blocked slot titles: the event title, Busy, or a template checked before it is saved', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    await userEvent.selectOptions(await screen.findByLabelText('Blocked slot titles'), 'busy');
    expect(api.settings.set).toHaveBeenLastCalledWith({ key: 'blockTitles', value: 'busy' });
    await userEvent.selectOptions(screen.getByLabelText('Blocked slot titles'), 'custom');
    expect(api.settings.set).toHaveBeenLastCalledWith({ key: 'blockTitles', value: '{calendar}: {title}' });
    const template = screen.getByLabelText('Blocked slot titles template');
    await userEvent.clear(template);
    await userEvent.type(template, 'Busy at {{where}{Enter}');
    expect(screen.getByText('Unknown placeholder {where}: use {title} or {calendar}.')).toBeTruthy();
    expect(api.settings.set).toHaveBeenCalledTimes(2);
  });
});
