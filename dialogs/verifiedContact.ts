import type { TurnContext } from 'botbuilder';
import type { IdentityService } from '../src/identity/index.js';
import { getProfile, type StateAccessors } from './caseState.js';

const WEB_CHANNELS = new Set(['directline', 'webchat']);

/**
 * The web widget's counterpart of the Teams member prefill: when the host site signed the admin in, its
 * verified name and email (kept by user id when the widget got its token, src/identity/contacts.ts) fill
 * the profile, so the contact step only asks to confirm them. The user id comes from the channel, which
 * took it from the token, and the browser never sends the name or email itself, so it cannot claim
 * someone else's. Only empty fields are filled: what the admin typed or confirmed wins.
 */
export async function prefillVerifiedContact(state: StateAccessors, identity: IdentityService | undefined, context: TurnContext): Promise<void> {
  const userId = context.activity.from?.id;
  if (!identity || !userId || !WEB_CHANNELS.has(context.activity.channelId)) return;
  const profile = await getProfile(state, context);
  if (profile.name && profile.email) return;
  const verified = await identity.contacts.lookup(userId);
  if (!profile.name && verified?.name) profile.name = verified.name;
  if (!profile.email && verified?.email) profile.email = verified.email;
}
