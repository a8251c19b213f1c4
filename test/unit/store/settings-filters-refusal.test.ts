// The window's title filters are checked by the main process (issue 14 keeps the title-pattern
// checker out of the window's bundle): the IPC boundary checks the shape of `filters`, bounded, and
// SettingsService.set refuses a bad value in words that name its source — what the window shows
// under that source's box — and saves nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncError } from '../../../src/main/errors';
import { SettingsService } from '../../../src/main/store/settings-service';
import { StateStore } from '../../../src/main/store/state-store';
import { contract } from '../../../src/shared/ipc/contract';
import { makeTempDir } from '../../support/temp-dir';

const SOURCE = 'https://dav/work/';
const filter = (skipTitles: unknown, workingHours: unknown = '') => ({ [SOURCE]: { skipTitles, skipAllDay: false, workingHours } });

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir('settings-filters-')));
afterEach(() => cleanup());

describe('a filter the window sends', () => {
  it('is checked for its shape where it enters, bounded', () => {
    const request = contract['settings.set'].request;
    expect(request.safeParse({ key: 'filters', value: filter(['/(a+)+$/']) }).success, 'a bad pattern is the service\'s to word').toBe(true);
    expect(request.safeParse({ key: 'filters', value: filter('lunch') }).success).toBe(false);
    expect(request.safeParse({ key: 'filters', value: { [SOURCE]: { skipTitles: [], skipAllDay: false } } }).success).toBe(false);
    expect(request.safeParse({ key: 'filters', value: filter(Array.from({ length: 1001 }, () => 'x')) }).success).toBe(false);
    expect(request.safeParse({ key: 'filters', value: filter(['x'.repeat(2001)]) }).success).toBe(false);
  });

  it('is refused by the service in words naming its source, and nothing is saved', async () => {
    const service = new SettingsService(new StateStore(dir));
    const refusal = await service.set('filters', filter(['/(a+)+$/'])).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SyncError);
    expect((refusal as SyncError).kind).toBe('item');
    expect((refusal as SyncError).message).toMatch(new RegExp(`^${SOURCE}: "/\\(a\\+\\)\\+\\$/" is refused: .*can take very long to match\\.$`));
    expect(await service.set('filters', filter([], 'mon 17:00-09:00')).catch((error: SyncError) => error.message)).toMatch(/^https:\/\/dav\/work\/: "mon 17:00-09:00": the end must be after the start/);
    expect((await service.get()).filters).toEqual({});
    expect((await service.set('filters', filter(['lunch']))).filters).toEqual(filter(['lunch']));
  });
});
