/** A stored Bot Framework conversation reference, kept as the channel gave it; the handoff reads only its conversation id. */
export type ConversationRef = Record<string, unknown> & { conversation?: { id?: string } };

/** A message the handoff sends into an admin's conversation. */
export interface RelayedMessage {
  type: 'message';
  text: string;
  textFormat: 'markdown';
  channelData?: Record<string, unknown>;
  /** A file an agent sends: a download link (widget) or a Teams FileConsentCard (src/attachments/adminDelivery.ts). */
  attachments?: Record<string, unknown>[];
}

/**
 * Sends a message into an admin's conversation outside of their turn (a proactive message), using the
 * conversation reference stored on the ticket. The reference's serviceUrl names the channel: the Teams
 * connector, or this server's embedded Direct Line connector for the widget, so one path serves both.
 * The channel edge implements it (src/channels/handoffWiring.ts).
 */
export type AdminRelay = (reference: ConversationRef, message: RelayedMessage) => Promise<void>;
