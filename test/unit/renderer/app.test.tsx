// @vitest-environment happy-dom
// The window shell: loading, error, onboarding on first run, the sidebar with its badge, live status.
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/App';
import { connectedStatus, disconnectedStatus, fakeApi, never, renderWith } from './fake-api';

describe('App', () => {
  it('says it is loading while the status is on its way', () => {
    const { api } = fakeApi({ status: { get: never } });
    renderWith(api, <App />);
    expect(screen.getByRole('status').textContent).toMatch(/Loading your sync status/);
  });

  it('shows an error in words, without a stack, and tries again', async () => {
    const failure = new Error('Error: boom\n    at Object.<anonymous> (/x/main.js:10:5)');
    let calls = 0;
    const { api } = fakeApi({ status: { get: async () => (++calls === 1 ? Promise.reject(failure) : connectedStatus()) } });
    renderWith(api, <App />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toMatch(/main\.js|at Object/);
    await userEvent.click(screen.getByRole('button', { name: 'Try Again' }));
    await screen.findByRole('heading', { name: 'Status' });
  });

  it('starts with onboarding when nothing is connected', async () => {
    const { api } = fakeApi({ status: { get: async () => disconnectedStatus() } });
    renderWith(api, <App />);
    await screen.findByRole('heading', { name: 'Welcome to iCloud Sync Companion' });
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.getByRole('list', { name: 'Setup steps' }).textContent).toMatch(/Connect iCloud.*Connect the platform.*Choose calendars/);
  });

  it('shows the sidebar with a conflict badge, moves with the arrow keys, and follows status events', async () => {
    window.location.hash = '';
    const { api, emit } = fakeApi({ status: { get: async () => connectedStatus({ counts: { pairs: 3, conflicts: 4, attention: 0 } }) } });
    renderWith(api, <App />);
    const conflicts = await screen.findByRole('button', { name: 'Conflicts, 4 open' });
    expect(conflicts.textContent).toContain('4');
    const status = screen.getByRole('button', { name: 'Status' });
    expect(status.getAttribute('aria-current')).toBe('page');
    status.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(conflicts);
    expect(conflicts.getAttribute('aria-current')).toBe('page');
    await screen.findByRole('heading', { name: 'Conflicts' });

    act(() => emit('statusChanged', connectedStatus({ counts: { pairs: 3, conflicts: 0, attention: 0 } })));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Conflicts' })).toBeTruthy());
  });
});
