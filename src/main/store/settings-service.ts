// Reading and changing settings, validated by the one shared schema.
import { parseFilterFieldText, parseFilterKey, parseSettingText, validateSetting, withFilterField, type SettingKey, type Settings } from '../../shared/settings';
import { checkFilters } from '../../shared/filter-rules';
import { SyncError } from '../errors';
import type { StateStore } from './state-store';

export class SettingsService {
  constructor(private readonly store: StateStore) {}

  async get(): Promise<Settings> {
    return (await this.store.read()).settings;
  }

  /** From the CLI: the value is text. A bad key or value is an 'item' error (exit 2) with a clear message. */
  async setFromText(key: string, text: string): Promise<Settings> {
    if (key.startsWith('filters.')) return this.setFilterFromText(key, text);
    const parsed = parseSettingText(key, text);
    if (!parsed.ok) throw new SyncError('item', parsed.message);
    return this.write(key as SettingKey, parsed.value);
  }

  /** From the window: the value is typed already but still untrusted. */
  async set(key: SettingKey, value: unknown): Promise<Settings> {
    // A refused filter in words the window shows under that source's box: "<source id>: <problem>."
    const filterProblem = key === 'filters' ? checkFilters(value) : undefined;
    if (filterProblem) throw new SyncError('item', `${filterProblem}.`);
    const parsed = validateSetting(key, value);
    if (!parsed.ok) throw new SyncError('item', parsed.message);
    return this.write(key, parsed.value);
  }

  /** `filters.<source>.<field>`: one field of one source's filter (DESIGN "What crosses"). */
  private async setFilterFromText(key: string, text: string): Promise<Settings> {
    const { source, field, value } = parseFilterText(key, text);
    const state = await this.store.update((draft) => {
      draft.settings.filters = withFilterField(draft.settings.filters, source, field, value);
    });
    return state.settings;
  }

  /** What `set KEY VALUE` would save, checked the same way but not saved (`set … --dry-run`). */
  async proposeFromText(key: string, text: string): Promise<Partial<Settings>> {
    if (key.startsWith('filters.')) {
      const { source, field, value } = parseFilterText(key, text);
      return { filters: withFilterField((await this.get()).filters, source, field, value) };
    }
    const parsed = parseSettingText(key, text);
    if (!parsed.ok) throw new SyncError('item', parsed.message);
    return { [key]: parsed.value } as Partial<Settings>;
  }

  private async write(key: SettingKey, value: Settings[SettingKey]): Promise<Settings> {
    const state = await this.store.update((draft) => {
      (draft.settings as Record<SettingKey, unknown>)[key] = value;
    });
    return state.settings;
  }
}

function parseFilterText(key: string, text: string) {
  const named = parseFilterKey(key);
  if (!named.ok) throw new SyncError('item', named.message);
  const parsed = parseFilterFieldText(named.value.field, text);
  if (!parsed.ok) throw new SyncError('item', `Invalid value ${JSON.stringify(text)} for ${key}: ${parsed.message}.`);
  return { ...named.value, value: parsed.value };
}
