// @vitest-environment happy-dom
// Settings → What crosses: a card per source (linked calendar, busy source, location), each filter
// saved as the whole `filters` setting (working hours checked before they are sent, title filters by
// the app, whose refusal shows under the box); the copy-title templates.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SettingsView } from '../../../src/renderer/src/views/settings/SettingsView';
import { checkFilters } from '../../../src/shared/filter-rules';
import { defaultSettings } from '../../../src/shared/settings';
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

  it('a bad filter stays in its box with the problem in words: bad hours are not sent, a title filter the app refuses is shown under its box', async () => {
    const { api } = fakeApi();
    // The app's answer to a filter it refuses, as the main process words it (settings-service.ts).
    vi.mocked(api.settings.set).mockImplementation(async ({ key, value }) => {
      const problem = key === 'filters' ? checkFilters(value) : undefined;
      if (problem) throw new Error(`${problem}.`);
      return { ...defaultSettings, [key]: value };
    });
    renderWith(api, <SettingsView status={statusWithBusy()} onChanged={vi.fn()} />);
    const busy = await screen.findByRole('region', { name: 'Busy source “Family”' });
    const hours = within(busy).getByLabelText('Block only inside working hours');
    await userEvent.type(hours, 'mon 17:00-09:00{Enter}');
    expect(within(busy).getByText(/the end must be after the start/)).toBeTruthy();
    expect(api.settings.set).not.toHaveBeenCalled();
    await userEvent.clear(hours);
    await userEvent.tab();

    const titles = within(busy).getByLabelText('Skip events whose title contains');
    await userEvent.type(titles, '/(a+)+$/');
    await userEvent.tab();
    expect(await within(busy).findByText(/^"\/\(a\+\)\+\$\/" is refused: .*can take very long to match\.$/)).toBeTruthy();
    expect(titles.getAttribute('aria-invalid')).toBe('true');
    expect((titles as HTMLTextAreaElement).value, 'the refused text stays to be fixed').toBe('/(a+)+$/');
    // Shown once: under its box, not again above the settings.
    expect(screen.getAllByText(/can take very long to match/)).toHaveLength(1);
    const linked = screen.getByRole('region', { name: /^Linked calendar/ });
    expect(within(linked).queryByText(/can take very long to match/), 'not under another source').toBeNull();
    // Another source's filter saved meanwhile: this box keeps its text and its problem.
    await userEvent.type(within(linked).getByLabelText('Skip events whose title contains'), 'lunch');
    await userEvent.tab();
    await waitFor(() => expect(api.settings.set).toHaveBeenLastCalledWith({ key: 'filters', value: { [LINKED]: { skipTitles: ['lunch'], skipAllDay: false, workingHours: '' } } }));
    expect((titles as HTMLTextAreaElement).value, 'kept after another source saved').toBe('/(a+)+$/');
    expect(within(busy).getByText(/can take very long to match/)).toBeTruthy();

    await userEvent.clear(titles);
    await userEvent.type(titles, 'lunch');
    await userEvent.tab();
    await waitFor(() => expect(within(busy).queryByText(/can take very long to match/)).toBeNull());
    expect(titles.getAttribute('aria-invalid')).toBeNull();
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
