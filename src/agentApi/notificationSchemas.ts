import { z } from 'zod';

/** The answer of GET /api/tickets/:number/notifications (routes.ts), registered by id for `npm run docs:openapi`. */

export const ticketNotification = z
  .object({
    id: z.string(),
    kind: z.enum(['agent_message', 'needs_information', 'in_progress', 'resolved', 'closed', 'reopened']).meta({ description: 'What the admin was (to be) told.' }),
    recipient: z.string().meta({ description: "The requester's email address on the request." }),
    state: z
      .enum(['pending', 'sending', 'sent', 'skipped_present', 'skipped_no_mail_server', 'skipped_unsubscribed', 'failed'])
      .meta({ description: '`pending`: waiting for the digest window or a retry; `skipped_present`: the admin was in the chat; `skipped_no_mail_server`: SMTP_URL is not set; `failed`: every attempt failed.' }),
    attempts: z.int(),
    lastError: z.string().nullable().meta({ description: "The mail server's last refusal, while retrying or after failing." }),
    occurredAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
    messageId: z.string().nullable().meta({ description: 'The mail it went out in; several updates share one in a digest.' }),
  })
  .meta({ id: 'TicketNotification' });

export const ticketNotificationsResponse = z
  .object({
    notifications: z.array(ticketNotification).meta({ description: 'Newest first.' }),
    mailServer: z.boolean().meta({ description: 'False when SMTP_URL is not set: nothing is emailed.' }),
  })
  .meta({ id: 'TicketNotificationsResponse' });
