// The menu-bar icon: a template image (black + alpha, macOS tints it) whose badge shows the state,
// and the menu of tray-menu.ts rebuilt whenever the status changes (and each minute, so
// "Synced 2 minutes ago" stays true).
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { StatusView } from '../../shared/status';
import { buildTrayMenuTemplate, statusLine, trayIconState, type TrayActions, type TrayIconState } from './tray-menu';

/** File names (without .png; the @2x sibling is picked up by nativeImage) per state. */
export const syncingFrameCount = 4;
export function trayIconName(state: TrayIconState, frame = 0): string {
  switch (state) {
    case 'idle':
      return 'trayTemplate';
    case 'syncing':
      return `traySyncing${frame % syncingFrameCount}Template`;
    case 'attention':
      return 'trayAttentionTemplate';
    case 'error':
      return 'trayErrorTemplate';
    case 'paused':
      return 'trayPausedTemplate';
  }
}

export interface TrayOptions {
  resourcesDir: string;
  actions: TrayActions;
  now?: () => Date;
}

export interface TrayController {
  update(next: { status?: StatusView; launchAtLogin?: boolean }): void;
  /** The menu as last built (for the Electron smoke test's hook: a real tray menu cannot be read). */
  items(): readonly MenuItemConstructorOptions[];
  destroy(): void;
}

export function createTrayController(options: TrayOptions): TrayController {
  const now = options.now ?? (() => new Date());
  const images = new Map<string, NativeImage>();
  const image = (name: string): NativeImage => {
    let loaded = images.get(name);
    if (!loaded) {
      loaded = nativeImage.createFromPath(join(options.resourcesDir, `${name}.png`));
      loaded.setTemplateImage(true);
      images.set(name, loaded);
    }
    return loaded;
  };

  const tray = new Tray(image(trayIconName('idle')));
  let status: StatusView | undefined;
  let launchAtLogin = false;
  let iconState: TrayIconState = 'idle';
  let frame = 0;
  let animation: ReturnType<typeof setInterval> | undefined;
  let template: MenuItemConstructorOptions[] = [];

  function render(): void {
    const state = { status, launchAtLogin, now: now() };
    tray.setToolTip(`iCloud Sync Companion — ${statusLine(status, state.now).text}`);
    template = buildTrayMenuTemplate(state, options.actions);
    tray.setContextMenu(Menu.buildFromTemplate(template));
    const nextState = trayIconState(status);
    if (nextState !== iconState) {
      iconState = nextState;
      frame = 0;
      tray.setImage(image(trayIconName(iconState)));
    }
    // The syncing badge turns while a cycle runs, and only then.
    if (iconState === 'syncing' && !animation) {
      animation = setInterval(() => {
        frame += 1;
        tray.setImage(image(trayIconName('syncing', frame)));
      }, 300);
    } else if (iconState !== 'syncing' && animation) {
      clearInterval(animation);
      animation = undefined;
    }
  }

  const clock = setInterval(render, 60_000);
  render();

  return {
    update(next) {
      if (next.status !== undefined) status = next.status;
      if (next.launchAtLogin !== undefined) launchAtLogin = next.launchAtLogin;
      render();
    },
    items: () => template,
    destroy() {
      clearInterval(clock);
      if (animation) clearInterval(animation);
      tray.destroy();
    },
  };
}
