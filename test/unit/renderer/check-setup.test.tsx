// @vitest-environment happy-dom
// Settings → Check setup: nothing runs until asked; then one line per check with a word (not only
// a colour) and what to do; errors say so with a retry. Save Diagnostics… asks main, passes the
// titles opt-in, and shows where the file went (a cancelled dialog shows nothing).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CheckSetupPanel } from '../../../src/renderer/src/views/settings/CheckSetupPanel';
import { SettingsView } from '../../../src/renderer/src/views/settings/SettingsView';
import type { DoctorReport } from '../../../src/shared/doctor';
import { connectedStatus, fakeApi, never, renderWith } from './fake-api';

const report: DoctorReport = {
  checks: [
    { name: 'iCloud discovery', status: 'pass', message: 'Signed in as alice@example.com.' },
    { name: 'platform scope: users.readonly', status: 'fail', message: 'The token lacks users.readonly.', fix: 'Add the scope users.readonly, then reconnect.' },
    { name: 'clock', status: 'warn', message: 'This computer is 90 s behind the platform.', fix: 'Set the time automatically.' },
  ],
};

describe('Check setup', () => {
  it('is part of Settings and does not run the checks on its own', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    expect(await screen.findByRole('heading', { name: 'Check setup' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save Diagnostics…' })).toBeTruthy();
    expect(api.doctor.run).not.toHaveBeenCalled();
  });

  it('runs the doctor when asked: a line per check, a word for each state, what to do', async () => {
    const { api } = fakeApi({ doctor: { run: vi.fn(async () => report) } });
    renderWith(api, <CheckSetupPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Check Setup' }));
    const list = await screen.findByRole('list', { name: 'Setup checks' });
    const lines = within(list).getAllByRole('listitem');
    expect(lines.map((line) => line.textContent)).toEqual([
      'OK iCloud discoverySigned in as alice@example.com.',
      'Problem platform scope: users.readonlyThe token lacks users.readonly.What to do: Add the scope users.readonly, then reconnect.',
      'Warning clockThis computer is 90 s behind the platform.What to do: Set the time automatically.',
    ]);
    expect(screen.getByText('1 problem, 1 warning.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check Again' })).toBeTruthy();
  });

  it('says when everything checks out', async () => {
    const { api } = fakeApi({ doctor: { run: vi.fn(async () => ({ checks: [report.checks[0]] })) } });
    renderWith(api, <CheckSetupPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Check Setup' }));
    expect(await screen.findByText('Everything checks out.')).toBeTruthy();
  });

  it('shows it is checking, and cannot be started twice meanwhile', async () => {
    const { api } = fakeApi({ doctor: { run: never } });
    renderWith(api, <CheckSetupPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Check Setup' }));
    expect(screen.getByRole('status').textContent).toMatch(/Checking your setup/);
    expect((screen.getByRole('button', { name: 'Checking…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('an error says so and offers to try again', async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error('The app could not answer this request (doctor.run).')).mockResolvedValueOnce(report);
    const { api } = fakeApi({ doctor: { run } });
    renderWith(api, <CheckSetupPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Check Setup' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not answer/);
    await userEvent.click(screen.getByRole('button', { name: 'Try Again' }));
    expect(await screen.findByRole('list', { name: 'Setup checks' })).toBeTruthy();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('Save Diagnostics… sends the titles opt-in and shows where the file went; a cancelled dialog shows nothing', async () => {
    const save = vi.fn()
      .mockResolvedValueOnce({ saved: false })
      .mockResolvedValueOnce({ saved: true, path: '/Users/ann/Desktop/icloud-sync-diagnostics.json' });
    const { api } = fakeApi({ diagnostics: { save } });
    renderWith(api, <CheckSetupPanel />);
    await userEvent.click(screen.getByRole('button', { name: 'Save Diagnostics…' }));
    await waitFor(() => expect(save).toHaveBeenCalledWith({ includeTitles: false }));
    expect(screen.queryByText(/Saved to/)).toBeNull();

    await userEvent.click(screen.getByLabelText('Include event titles'));
    await userEvent.click(screen.getByRole('button', { name: 'Save Diagnostics…' }));
    await waitFor(() => expect(save).toHaveBeenLastCalledWith({ includeTitles: true }));
    expect((await screen.findByText(/Saved to/)).textContent).toBe('Saved to /Users/ann/Desktop/icloud-sync-diagnostics.json. Open it to check before sending it.');
  });
});
