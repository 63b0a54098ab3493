import { randomUUID } from 'node:crypto';

/**
 * Activities shaped like the ones Teams posts to a bot's /api/messages: channelId "msteams", the
 * tenant in channelData.tenant.id and conversation.tenantId, Entra object ids on the sender, 29:/28:
 * account ids, channel threads as "19:…@thread.tacv2;messageid=…", mentions as <at> tags plus a mention
 * entity, card submits as a message with `value` and the card's id in replyToId.
 */

export const BOT_APP_ID = '00000000-0000-4000-8000-00000000b071';
export const BOT = { id: `28:${BOT_APP_ID}`, name: 'Support Assistant' };
export const TENANT_ID = '5f1c2b3a-0d4e-4f60-8a7b-9c8d7e6f5a41';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export function teamsUser(name = 'Megan Bowen'): TeamsUser {
  return { id: `29:1${randomUUID().replace(/-/g, '')}`, name, aadObjectId: randomUUID() };
}

/** What Teams answers for GET .../members/{id}: a TeamsChannelAccount. */
export function memberRecord(user: TeamsUser, extra: Record<string, unknown> = {}) {
  const [given, ...rest] = user.name.split(' ');
  const upn = `${user.name.toLowerCase().replace(/\s+/g, '.')}@contoso.onmicrosoft.com`;
  return {
    id: user.id,
    name: user.name,
    aadObjectId: user.aadObjectId,
    givenName: given,
    surname: rest.join(' '),
    email: upn,
    userPrincipalName: upn,
    tenantId: TENANT_ID,
    userRole: 'user',
    ...extra,
  };
}

export interface TeamsConversation {
  id: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  channelData: Record<string, unknown>;
}

export function personalChat(tenantId = TENANT_ID): TeamsConversation {
  return { id: `a:1${randomUUID().replace(/-/g, '')}`, conversationType: 'personal', channelData: { tenant: { id: tenantId } } };
}

export function team(tenantId = TENANT_ID) {
  const teamId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  const channelId = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  return {
    /** A new post in the channel starts a thread; replies carry the root message id in the conversation id. */
    thread(rootMessageId = String(Date.now() + Math.floor(Math.random() * 1e6))): TeamsConversation {
      return {
        id: `${channelId};messageid=${rootMessageId}`,
        conversationType: 'channel',
        channelData: { teamsTeamId: teamId, teamsChannelId: channelId, team: { id: teamId }, channel: { id: channelId }, tenant: { id: tenantId } },
      };
    },
    teamId,
    channelId,
  };
}

let seq = 0;

function base(serviceUrl: string, user: TeamsUser, conversation: TeamsConversation, tenantId: string) {
  return {
    id: `${Date.now()}${++seq}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: {
      id: conversation.id,
      conversationType: conversation.conversationType,
      tenantId,
      ...(conversation.conversationType === 'personal' ? {} : { isGroup: true }),
    },
    channelData: conversation.channelData,
    locale: 'en-US',
  };
}

const tenantOf = (c: TeamsConversation) => ((c.channelData.tenant as { id: string } | undefined)?.id ?? TENANT_ID);

export function message(serviceUrl: string, user: TeamsUser, conversation: TeamsConversation, text: string) {
  return { ...base(serviceUrl, user, conversation, tenantOf(conversation)), type: 'message', text, textFormat: 'plain' };
}

/** A channel or group-chat message that @mentions the bot, as Teams sends it. */
export function mentionMessage(serviceUrl: string, user: TeamsUser, conversation: TeamsConversation, text: string) {
  const tag = `<at>${BOT.name}</at>`;
  return {
    ...message(serviceUrl, user, conversation, `${tag} ${text}`),
    textFormat: 'plain',
    entities: [
      { type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: tag },
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
    ],
  };
}

/** Clicking an Action.Submit: no text, the button's data merged with the inputs in `value`, the card's id in replyToId. */
export function cardSubmit(serviceUrl: string, user: TeamsUser, conversation: TeamsConversation, value: Record<string, unknown>, cardActivityId: string) {
  const activity = base(serviceUrl, user, conversation, tenantOf(conversation));
  return {
    ...activity,
    type: 'message',
    value,
    replyToId: cardActivityId,
    channelData: { ...activity.channelData, source: { name: 'message' }, legacy: { replyToId: cardActivityId } },
  };
}

/** The conversationUpdate Teams sends when a user installs the app in personal scope: the bot is the member added. */
export function installedInPersonalScope(serviceUrl: string, user: TeamsUser, conversation: TeamsConversation) {
  return {
    ...base(serviceUrl, user, conversation, tenantOf(conversation)),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    channelData: { ...conversation.channelData },
  };
}
