// The settings, loaded once and saved one key at a time; main answers with the settings as saved.
import { useCallback, useState } from 'react';
import type { SettingChange } from '../../../../shared/ipc/contract';
import type { Settings } from '../../../../shared/settings';
import { useLoad } from '../../hooks/useLoad';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';

export function useSettings() {
  const api = useApi();
  const loaded = useLoad(() => api.settings.get(), [api]);
  const [saved, setSaved] = useState<Settings>();
  const [saveError, setSaveError] = useState<{ key: string; message: string }>();
  const [lastSaved, setLastSaved] = useState<string>();

  const save = useCallback(
    async (change: SettingChange) => {
      setSaveError(undefined);
      const before = saved ?? loaded.data;
      // Show the change at once (a switch must move when clicked); put it back if main refuses.
      if (before) setSaved({ ...before, [change.key]: change.value });
      try {
        const next = await api.settings.set(change);
        setSaved(next);
        setLastSaved(change.key);
        return true;
      } catch (error) {
        if (before) setSaved(before);
        setSaveError({ key: change.key, message: plainError(error) });
        return false;
      }
    },
    [api, saved, loaded.data],
  );

  return { load: loaded, settings: saved ?? loaded.data, save, saveError, lastSaved };
}
