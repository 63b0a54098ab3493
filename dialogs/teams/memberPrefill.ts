import { TeamsInfo, type StatePropertyAccessor, type TeamsChannelAccount, type TurnContext, type UserState } from 'botbuilder';
import type { AdminProfile } from '../caseState.js';
import { checkEmail, checkName } from '../../src/contact/index.js';
import { currentTurn } from '../../src/channels/index.js';

/** What the Teams edge remembers about a person beside the profile the dialogs use (user state). */
export interface TeamsIdentity {
  /** The Entra tenant the person wrote from (channelData.tenant.id). */
  tenantId?: string;
  aadObjectId?: string;
  /** When the member lookup last ran (ISO time); a failed lookup is not repeated on every message. */
  lookedUpAt?: string;
}

/** A failed or empty lookup is tried again after this long, not on every message. */
export const LOOKUP_RETRY_MS = 60 * 60 * 1000;

export interface MemberPrefillOptions {
  userState: UserState;
  profile: StatePropertyAccessor<AdminProfile>;
}

/** Name and email from a Teams member record, kept only when they pass the checks typed details get. */
export function contactFromMember(member: Partial<TeamsChannelAccount>): { name?: string; email?: string } {
  const name = member.name ? checkName(member.name) : undefined;
  // Guests have a UPN like "kim_fabrikam.com#EXT#@contoso.onmicrosoft.com", which is no mailbox.
  const candidates = [member.email, member.userPrincipalName].filter((e): e is string => !!e && !e.includes('#EXT#'));
  const email = candidates.map((e) => checkEmail(e)).find((c) => c.ok);
  return { name: name?.ok ? name.value : undefined, email: email?.ok ? email.value : undefined };
}

const tenantOf = (context: TurnContext): string | undefined =>
  (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? context.activity.conversation?.tenantId;

/**
 * Fills the admin's name and email from their Teams profile, so the contact step only asks them to
 * confirm. Only empty fields are filled: what the admin typed or confirmed wins. A failed lookup (no
 * permission, member not found, connector error) is logged and the dialogs simply ask.
 */
export function createMemberPrefill(options: MemberPrefillOptions): (context: TurnContext) => Promise<void> {
  const identity = options.userState.createProperty<TeamsIdentity>('teamsIdentity');

  return async function prefill(context: TurnContext): Promise<void> {
    const log = currentTurn()?.log;
    const known = await identity.get(context, {});
    known.tenantId = tenantOf(context) ?? known.tenantId;
    known.aadObjectId = (context.activity.from as { aadObjectId?: string }).aadObjectId ?? known.aadObjectId;

    const profile = await options.profile.get(context, {});
    if (profile.name && profile.email) return;
    if (known.lookedUpAt && Date.now() - Date.parse(known.lookedUpAt) < LOOKUP_RETRY_MS) return;
    known.lookedUpAt = new Date().toISOString();

    let member: Partial<TeamsChannelAccount>;
    try {
      // GET /v3/conversations/{conversation or team id}/members/{user id}
      member = await TeamsInfo.getMember(context, context.activity.from.id);
    } catch (err) {
      log?.warn({ err: { message: (err as Error).message, statusCode: (err as { statusCode?: number }).statusCode } }, 'Teams member lookup failed; the admin will be asked for contact details');
      return;
    }
    const found = contactFromMember(member);
    if (!profile.name && found.name) profile.name = found.name;
    if (!profile.email && found.email) profile.email = found.email;
    log?.debug({ filled: Object.keys(found).filter((k) => found[k as keyof typeof found]) }, 'contact details pre-filled from Teams');
  };
}
