// Public API of the email notifications (docs/notifications.md): the outbox consumer, the sender, unsubscribing.
export { notificationKinds, renderNotificationMail, type MailInput, type NotificationItem, type NotificationKind, type RenderedMail } from './notificationMail.js';
export {
  notificationsConsumer,
  readUnsubscribeToken,
  startNotificationSender,
  ticketNotifications,
  UNSUBSCRIBE_PATH,
  unsubscribe,
  unsubscribeToken,
  type MailSettings,
  type NotificationRecord,
  type NotificationSender,
  type NotificationSenderOptions,
  type NotificationState,
} from './notificationService.js';
export { createCodeMailer, renderCodeMail, type CodeMail } from './codeMail.js';
