// Wake and network-back events for the scheduler: a Mac that slept through its schedule should sync
// when it wakes, and one that lost the network should sync when it returns. Electron's main process
// has a 'resume' event but no online/offline event, so the network is polled (cheap: no request).
import { net, powerMonitor } from 'electron';
import type { SystemMonitor } from './shell-services';

export const networkPollMs = 15_000;

export function createSystemMonitor(pollMs = networkPollMs): SystemMonitor {
  return {
    onWake(listener) {
      powerMonitor.on('resume', listener);
      return () => {
        powerMonitor.removeListener('resume', listener);
      };
    },
    onNetworkBack(listener) {
      let online = net.isOnline();
      const timer = setInterval(() => {
        const now = net.isOnline();
        if (now && !online) listener();
        online = now;
      }, pollMs);
      return () => clearInterval(timer);
    },
  };
}
