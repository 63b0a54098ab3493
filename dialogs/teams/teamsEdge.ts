import type { ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { AdminProfile } from '../caseState.js';
import { createMemberPrefill } from './memberPrefill.js';
import { createSubmittedCards } from './submittedCards.js';

export interface TeamsEdge {
  /** Runs at the start of every message turn; does nothing outside Teams. */
  beforeMessage(context: TurnContext): Promise<void>;
}

export interface TeamsEdgeOptions {
  conversationState: ConversationState;
  userState: UserState;
  profile: StatePropertyAccessor<AdminProfile>;
}

/**
 * What the bot does differently in Teams, in one place: answered cards lose their buttons, and the
 * admin's name and email come from their Teams profile. Mentions and card submits are read by the bot
 * for every channel (TurnContext.removeRecipientMention, readCardSubmit).
 */
export function createTeamsEdge(options: TeamsEdgeOptions): TeamsEdge {
  const prefill = createMemberPrefill({ userState: options.userState, profile: options.profile });
  const cards = createSubmittedCards(options.conversationState);
  return {
    async beforeMessage(context) {
      if (context.activity.channelId !== 'msteams') return;
      cards.watch(context);
      await cards.replaceAnswered(context);
      await prefill(context);
    },
  };
}
