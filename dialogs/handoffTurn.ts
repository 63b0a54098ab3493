import { languageOf } from './language.js';
import { EventFactory, type Transcript, type TurnContext } from 'botbuilder';
import { type AdminMessage, type AdminTurn, displayText } from '../src/handoff/index.js';
import { requesterId } from './caseState.js';
import { detectIntent } from './intents.js';

/**
 * The conversation's side of the human handoff: what the handoff module (which knows no Bot Framework
 * types) gets from a turn, and the global commands it answers itself while a person is involved.
 */
export function adminTurn(context: TurnContext): AdminTurn {
  return {
    conversationId: context.activity.conversation?.id ?? '',
    language: languageOf(context),
    reply: (text) => context.sendActivity(text),
    announce: (transcript, handoffContext) =>
      // The stored activities are Bot Framework activities the transcript logger kept as they came.
      context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, transcript as Transcript)),
  };
}

export function adminMessage(context: TurnContext): AdminMessage {
  const intent = detectIntent(context.activity.text);
  const command = intent?.kind === 'help' || intent?.kind === 'cancel' ? intent.kind : undefined;
  return { text: displayText(context.activity), requesterId: requesterId(context), ...(command ? { command } : {}) };
}
