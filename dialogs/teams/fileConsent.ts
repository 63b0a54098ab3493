import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import { agentNotices, fileInfoCard, type FileConsentContext } from '../../src/attachments/index.js';
import { t } from '../language.js';
import type { ConversationServices } from '../services.js';

/**
 * The admin's answer to a FileConsentCard (an agent's file, src/attachments/adminDelivery.ts), the
 * `fileConsent/invoke` invoke Teams sends. Accept carries `uploadInfo`: an upload session in the admin's
 * OneDrive, which gets the bytes in one PUT with Content-Range, then a FileInfoCard shows the saved file
 * in the chat. Decline carries nothing. The card stays in the chat, but only its first answer counts
 * (the file's delivery is recorded), and the agents see in the ticket's chat what became of the file.
 *
 * The card's context names only the attachment id; the file must be one an agent offered into this very
 * conversation, so an invoke cannot fetch another conversation's file into someone's OneDrive.
 */
export async function fileConsentAnswered(context: TurnContext, response: FileConsentCardResponse, services: ConversationServices): Promise<void> {
  const { attachments, handoff } = services;
  const attachmentId = (response.context as Partial<FileConsentContext> | undefined)?.attachmentId;
  const offered = attachments && typeof attachmentId === 'string' ? await attachments.get(attachmentId) : undefined;
  if (!attachments || !offered || offered.conversationId !== context.activity.conversation?.id || offered.direction !== 'from_agent' || !offered.ticketNumber) {
    await context.sendActivity(t(context, 'attachments.consent.gone'));
    return;
  }
  // A repeated invoke (a retry, a second click before the card went) changes nothing.
  if (offered.delivery !== 'offered') return;

  if (response.action !== 'accept') {
    await attachments.setDelivery(offered.id, 'declined');
    await context.sendActivity(t(context, 'attachments.consent.declined', { name: offered.name }));
    await handoff?.noteForAgents(offered.ticketNumber, agentNotices.declined(offered.name));
    return;
  }
  const uploadInfo = response.uploadInfo;
  const uploaded = typeof uploadInfo?.uploadUrl === 'string' && (await attachments.uploadTo(uploadInfo.uploadUrl, offered));
  if (!uploaded) {
    await attachments.setDelivery(offered.id, 'failed');
    await context.sendActivity(t(context, 'attachments.consent.failed', { name: offered.name }));
    await handoff?.noteForAgents(offered.ticketNumber, agentNotices.failed(offered.name));
    return;
  }
  await attachments.setDelivery(offered.id, 'accepted');
  await context.sendActivity({ type: 'message', text: t(context, 'attachments.consent.accepted', { name: offered.name }), attachments: [fileInfoCard(uploadInfo!)] });
  await handoff?.noteForAgents(offered.ticketNumber, agentNotices.accepted(offered.name));
}
