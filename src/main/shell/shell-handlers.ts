// The two channels only the shell can answer, layered over the services' Electron-free handlers:
// app.openExternal (needs Electron's shell) and the side effects of settings.set that live in the
// OS (the login item) or the tray (its checkbox).
import type { ContractHandlers } from '../../shared/ipc/contract';
import { normalisedExternalUrl } from '../../shared/ipc/external-url';
import type { Settings } from '../../shared/settings';

/** What services.ts provides: every channel, except that app.openExternal may be left to the shell. */
export type ServiceHandlers = Omit<ContractHandlers, 'app.openExternal'> & Partial<Pick<ContractHandlers, 'app.openExternal'>>;

export interface ShellHandlerDeps {
  openExternal(url: string): Promise<void>;
  /** After any successful settings.set, with the settings as saved. */
  onSettingsChanged(settings: Settings): void;
}

export function withShellHandlers(handlers: ServiceHandlers, deps: ShellHandlerDeps): ContractHandlers {
  return {
    ...handlers,
    'settings.set': async (change) => {
      const settings = await handlers['settings.set'](change);
      deps.onSettingsChanged(settings);
      return settings;
    },
    'app.openExternal': async ({ url }) => {
      // Already checked by the request schema; checked again here because this is the line that
      // hands a URL to the OS — and what it hands over is the URL it checked, not the raw text.
      const checked = normalisedExternalUrl(url);
      if (checked === undefined) throw new Error('Only Apple account and support pages can be opened.');
      await deps.openExternal(checked);
      return { ok: true };
    },
  };
}
