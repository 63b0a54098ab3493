// Public API of the attachments module: files of a case both ways, checked from their content, with
// download links for admins and a retention step for files that never reached a ticket.
export {
  attachmentRetention,
  createAttachmentService,
  DEFAULT_LIMITS,
  type Accepted,
  type Attachment,
  type AttachmentLimits,
  type AttachmentService,
  type AttachmentServiceOptions,
  type Delivery,
  type Direction,
  type NewAttachment,
  type Refused,
  UPLOAD_REFUSALS_KEY,
} from './attachmentService.js';
export {
  agentFileMessage,
  FILE_CONSENT_CARD,
  FILE_DOWNLOAD_INFO,
  FILE_INFO_CARD,
  fileInfoCard,
  usesFileConsent,
  type AgentFileMessage,
  type FileConsentContext,
} from './adminDelivery.js';
export { acknowledgement, agentNotices, movedText, refusalText, sizeText, type AcknowledgementContext } from './attachmentMessages.js';
export { FILES_PATH, LINK_LIFETIME_DAYS } from './downloadLinks.js';
export { contentDisposition, sanitizeFileName } from './fileName.js';
export { ACCEPTED_EXTENSIONS, isInlineImage, sniff, type FileKind, type RefusalReason } from './fileTypes.js';
export { downloadHeaders } from './servingHeaders.js';
export { fetchRemoteFile, putRemoteFile, type FetchPolicy, type Fetched } from './remoteFile.js';
