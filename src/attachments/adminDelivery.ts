import { translate, type Language } from '../i18n/index.js';
import type { Attachment } from './attachmentService.js';
import { sizeText } from './attachmentMessages.js';

/**
 * The message that brings an agent's file into the admin's conversation, as plain data the relay sends.
 * Teams cannot show a file from a link in a personal chat the way Web Chat does; a bot puts a file
 * there only with the user's consent (Teams docs, "Send and receive files using bot"): a
 * FileConsentCard, whose Accept gives the bot an upload URL in the user's OneDrive (the
 * `fileConsent/invoke` invoke, handled in dialogs/teams/fileConsent.ts). Everywhere else (the widget, the
 * Emulator) the message carries the file as an attachment with the admin's download link, and the link
 * once more in the text, so a client that does not draw attachments still offers it.
 */

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** What the consent card's accept and decline carry back to the bot: the file, nothing else. */
export interface FileConsentContext {
  attachmentId: string;
}

export interface AgentFileMessage {
  type: 'message';
  text: string;
  textFormat: 'markdown';
  attachments: Record<string, unknown>[];
}

export interface AgentFileInput {
  attachment: Attachment;
  agentName: string;
  ticketNumber: string;
  language: Language;
  /** The channel of the admin's conversation (the ticket's). */
  channelId: string;
  /** The admin's absolute download link (not needed for Teams). */
  link?: string;
}

/** Whether the admin's channel gets files through the Teams consent flow. */
export const usesFileConsent = (channelId: string) => channelId === 'msteams';

export function agentFileMessage({ attachment, agentName, ticketNumber, language, channelId, link }: AgentFileInput): AgentFileMessage {
  const size = sizeText(attachment.size, language);
  const values = { agent: agentName, number: ticketNumber, name: attachment.name, size };
  if (usesFileConsent(channelId)) {
    const context: FileConsentContext = { attachmentId: attachment.id };
    return {
      type: 'message',
      text: translate(language, 'attachments.fromAgent.teams', values),
      textFormat: 'markdown',
      attachments: [
        {
          contentType: FILE_CONSENT_CARD,
          name: attachment.name,
          content: { description: translate(language, 'attachments.consent.description', values), sizeInBytes: attachment.size, acceptContext: context, declineContext: context },
        },
      ],
    };
  }
  if (!link) throw new Error('a download link is needed outside Teams');
  // Markdown link text: brackets in a file name would end it early.
  const linkName = attachment.name.replace(/([[\]\\])/g, '\\$1');
  return {
    type: 'message',
    text: translate(language, 'attachments.fromAgent', { ...values, name: linkName, url: link }),
    textFormat: 'markdown',
    attachments: [{ contentType: attachment.contentType, contentUrl: link, name: attachment.name }],
  };
}

/** The card Teams shows for a file the bot has put in the user's OneDrive (after the consent's upload). */
export function fileInfoCard(uploadInfo: { name?: string; contentUrl?: string; uniqueId?: string; fileType?: string }) {
  return {
    contentType: FILE_INFO_CARD,
    name: uploadInfo.name,
    contentUrl: uploadInfo.contentUrl,
    content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType },
  };
}
