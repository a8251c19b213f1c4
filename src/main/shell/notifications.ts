// Shows the notices notification-policy.ts decides on, through Electron's Notification.
import { Notification } from 'electron';
import type { StatusView } from '../../shared/status';
import { decideNotifications, initialNotificationMemory, type Notice } from './notification-policy';
import type { WindowRoute } from './window';

export interface Notifier {
  /** Consider a new status; shows at most one notification per situation that just began. */
  consider(status: StatusView, enabled: boolean): Notice[];
}

export function createNotifier(openWindow: (route: WindowRoute) => void): Notifier {
  let memory = initialNotificationMemory;
  return {
    consider(status, enabled) {
      const decision = decideNotifications(memory, status, enabled && Notification.isSupported());
      memory = decision.memory;
      for (const notice of decision.notices) {
        const notification = new Notification({ title: notice.title, body: notice.body });
        notification.on('click', () => openWindow(notice.route));
        notification.show();
      }
      return decision.notices;
    },
  };
}
