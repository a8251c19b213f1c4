// @vitest-environment happy-dom
// Destructive actions ask first (issue 12): cancelling an appointment, disconnecting an account and
// deleting through a safety guard each open a modal dialog that names what happens; the safe button
// has the focus, Escape closes it, and nothing is done until the destructive button is pressed.
// Keep Them and Follow Again act at once (they change nothing on either side).
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StatusView } from '../../../src/renderer/src/views/status/StatusView';
import { SettingsView } from '../../../src/renderer/src/views/settings/SettingsView';
import type { AppointmentDescription } from '../../../src/shared/ipc/views';
import { attentionItem, connectedStatus, fakeApi, guardDecision, renderWith, unfollowedItem } from './fake-api';

describe('confirmations', () => {
  it('Cancel Appointment names the appointment, its customer, its time and the consequence, and only cancels on confirm', async () => {
    const { api } = fakeApi({ attention: { list: async () => [attentionItem(0)] } });
    renderWith(api, <StatusView status={connectedStatus({ counts: { pairs: 1, conflicts: 0, attention: 1 } })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const region = await screen.findByRole('region', { name: 'Needs attention' });
    await userEvent.click(await within(region).findByRole('button', { name: 'Cancel Appointment: Physio 0' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Cancel “Physio 0”?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // The customer's name is read from the platform as the dialog opens (attention.describe).
    await within(dialog).findByText('Grace Hopper');
    expect(api.attention.describe).toHaveBeenCalledWith({ id: 'a-0' });
    expect(dialog.textContent).toMatch(/“Physio 0” with Grace Hopper, .*(Thu|Jan|3).*–.*The booking is cancelled on the platform for Grace Hopper and the time becomes free to book/s);
    // The safe choice has the focus: Return alone never cancels a booking.
    expect(document.activeElement?.textContent).toBe('Keep Appointment');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.attention.cancel).not.toHaveBeenCalled();

    await userEvent.click(within(region).getByRole('button', { name: 'Cancel Appointment: Physio 0' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Keep Appointment' }));
    expect(api.attention.cancel).not.toHaveBeenCalled();
    await userEvent.click(within(region).getByRole('button', { name: 'Cancel Appointment: Physio 0' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel Appointment' }));
    expect(api.attention.cancel).toHaveBeenCalledWith({ id: 'a-0' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('Cancel Appointment waits for the name, and without contacts.readonly says "the customer" and why', async () => {
    let answer: (value: AppointmentDescription) => void = () => undefined;
    const describe = vi.fn(() => new Promise<AppointmentDescription>((resolve) => (answer = resolve)));
    const { api } = fakeApi({ attention: { list: async () => [attentionItem(0)], describe } });
    renderWith(api, <StatusView status={connectedStatus({ counts: { pairs: 1, conflicts: 0, attention: 1 } })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel Appointment: Physio 0' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Cancel “Physio 0”?' });
    expect(within(dialog).getByRole('status').textContent).toMatch(/Reading the appointment and its customer/);
    // Not yet known whose booking it is: the destructive button waits, the safe one does not.
    expect((within(dialog).getByRole('button', { name: 'Cancel Appointment' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(dialog).getByRole('button', { name: 'Keep Appointment' }) as HTMLButtonElement).disabled).toBe(false);
    answer({ id: 'a-0', title: 'Physio 0', start: '2030-01-03T09:00:00Z', end: '2030-01-03T10:00:00Z', customerMissing: 'missing-scope' });
    await waitFor(() => expect(dialog.textContent).toMatch(/“Physio 0” with the customer, .*for the customer/s));
    expect(dialog.textContent).toMatch(/add the contacts\.readonly scope to the Private Integration Token/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel Appointment' }));
    expect(api.attention.cancel).toHaveBeenCalledWith({ id: 'a-0' });
  });

  it('Cancel Appointment still asks, and still cancels, when the appointment cannot be described', async () => {
    const describe = vi.fn(async () => { throw new Error('The platform did not answer.'); });
    const { api } = fakeApi({ attention: { list: async () => [attentionItem(0)], describe } });
    renderWith(api, <StatusView status={connectedStatus({ counts: { pairs: 1, conflicts: 0, attention: 1 } })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel Appointment: Physio 0' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Cancel “Physio 0”?' });
    await waitFor(() => expect(dialog.textContent).toMatch(/with the customer.*could not be read from the platform just now/s));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel Appointment' }));
    expect(api.attention.cancel).toHaveBeenCalledWith({ id: 'a-0' });
  });

  it('Tab stays inside the dialog', async () => {
    const { api } = fakeApi();
    renderWith(api, <SettingsView status={connectedStatus()} onChanged={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect iCloud' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect iCloud?' });
    expect(dialog.textContent).toMatch(/password for alice@example.com is removed from your keychain/);
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Disconnect');
    await userEvent.tab();
    expect(document.activeElement?.textContent).toBe('Cancel');
    await userEvent.keyboard('{Escape}');
    expect(api.accounts.disconnect).not.toHaveBeenCalled();
  });

  it('a safety guard shows the count and each event by title and time; Delete asks first, then deletes', async () => {
    const { api } = fakeApi();
    const changed = vi.fn();
    renderWith(api, <StatusView status={connectedStatus({ guard: guardDecision(12) })} onOpen={vi.fn()} onChanged={changed} />);
    const region = screen.getByRole('region', { name: /Syncing stopped for safety: 12 events would be deleted from the platform/ });
    const list = within(region).getByRole('list', { name: 'What the sync would do' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(12);
    expect(within(list).getAllByRole('listitem')[0].textContent).toMatch(/Lesson 0.*\d/);
    // One primary action: the safe one, while the guard waits.
    expect(screen.getAllByRole('button').filter((b) => b.className.includes('primary')).map((b) => b.textContent)).toEqual(['Keep Them']);
    expect(screen.getByRole('heading', { name: 'Status' }).parentElement!.textContent).toMatch(/Waiting for your decision/);

    await userEvent.click(within(region).getByRole('button', { name: 'Delete Them…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete 12 Events?' });
    expect(dialog.textContent).toMatch(/12 events will be deleted from the platform, starting with “Lesson 0”. This cannot be undone/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.guard.decide).not.toHaveBeenCalled();
    await userEvent.click(within(region).getByRole('button', { name: 'Delete Them…' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete 12 Events' }));
    expect(api.guard.decide).toHaveBeenCalledWith({ kind: 'deletions', choice: 'allow' });
    await waitFor(() => expect(changed).toHaveBeenCalled());
  });

  it('the creation guard: Create Them asks first and names what it makes; Don’t Create Them is the safe primary action', async () => {
    const { api } = fakeApi();
    const decision = { ...guardDecision(60), kind: 'creations' as const, items: guardDecision(60).items.map(({ platformId: _, ...item }) => item) };
    renderWith(api, <StatusView status={connectedStatus({ guard: decision })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    const region = screen.getByRole('region', { name: /Syncing stopped for safety: 60 blocked slots would be created on the platform/ });
    expect(screen.getAllByRole('button').filter((b) => b.className.includes('primary')).map((b) => b.textContent)).toEqual(['Don’t Create Them']);
    await userEvent.click(within(region).getByRole('button', { name: 'Create Them…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Create 60 Blocked Slots?' });
    expect(dialog.textContent).toMatch(/60 blocked slots will be created on the platform, starting with “Lesson 0”/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.guard.decide).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Don’t Create Them' }));
    expect(api.guard.decide).toHaveBeenCalledWith({ kind: 'creations', choice: 'keep' });
  });

  it('Keep Them acts at once (nothing is deleted), and a kept event can be followed again', async () => {
    const { api } = fakeApi({ unfollowed: { list: async () => [unfollowedItem(0), unfollowedItem(1)] } });
    renderWith(api, <StatusView status={connectedStatus({ guard: guardDecision(2), unfollowed: 2 })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Keep Them' }));
    expect(api.guard.decide).toHaveBeenCalledWith({ kind: 'deletions', choice: 'keep' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    const region = await screen.findByRole('region', { name: 'Not followed' });
    await userEvent.click(await within(region).findByRole('button', { name: 'Follow again: Lesson 1' }));
    expect(api.unfollowed.follow).toHaveBeenCalledWith({ key: 'k-1' });
  });

  it('a failed decision is said in words and nothing else changes', async () => {
    const { api } = fakeApi({ guard: { decide: async () => Promise.reject(new Error('This safety check was already decided or has changed. Look at Status again.')) } });
    renderWith(api, <StatusView status={connectedStatus({ guard: guardDecision(2) })} onOpen={vi.fn()} onChanged={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Keep Them' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/already decided/);
  });
});
