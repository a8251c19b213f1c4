// @vitest-environment happy-dom
// useAction, the busy flag + failure the forms and views share: busy (or the key it was given) while
// the action runs, cleared after; a thrown error in words, worded per item when asked; the last
// failure cleared when the next action starts.
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAction } from '../../../src/renderer/src/hooks/useAction';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('useAction', () => {
  it('is busy while the action runs and not after', async () => {
    const { result } = renderHook(() => useAction());
    const work = deferred();
    let running!: Promise<void>;
    act(() => {
      running = result.current.run(() => work.promise);
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      work.resolve();
      await running;
    });
    expect(result.current.busy).toBeUndefined();
    expect(result.current.failure).toBeUndefined();
  });

  it('holds the key it was given, and words a failure for the item', async () => {
    const { result } = renderHook(() => useAction<string>());
    const work = deferred();
    let running!: Promise<void>;
    act(() => {
      running = result.current.run(() => work.promise, 'item-7', (message) => `“Lunch”: ${message}`);
    });
    expect(result.current.busy).toBe('item-7');
    await act(async () => {
      work.reject(new Error('The platform refused the change.\n    at stack (x.js:1:2)'));
      await running;
    });
    expect(result.current.busy).toBeUndefined();
    expect(result.current.failure).toBe('“Lunch”: The platform refused the change.');
  });

  it('clears the last failure when the next action starts', async () => {
    const { result } = renderHook(() => useAction());
    await act(() => result.current.run(() => Promise.reject(new Error('No answer from the app'))));
    expect(result.current.failure).toBe('The app is not answering. Quit and reopen it, then try again.');
    const work = deferred();
    let running!: Promise<void>;
    act(() => {
      running = result.current.run(() => work.promise);
    });
    expect(result.current.failure).toBeUndefined();
    await act(async () => {
      work.resolve();
      await running;
    });
    await waitFor(() => expect(result.current.busy).toBeUndefined());
  });
});
