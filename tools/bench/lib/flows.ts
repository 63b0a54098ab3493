/**
 * What a simulated admin says, one message per turn, and what each answer must contain. The full flow
 * is the text-only (sms channel) path from a greeting to a filed request, then a status check: the
 * same script test/server/conversation.http.test.ts follows.
 */

export interface Step {
  /** The message; `{ticket}` is replaced by the number captured earlier in the flow. */
  text: string;
  /** The reply (all message texts of the turn, joined) must match; a capture group saves the ticket number. */
  expect: RegExp;
}

export interface Scenario {
  name: string;
  steps: Step[];
  /** The channel the activities claim to come from. */
  channelId: string;
}

export const FULL_FLOW: Scenario = {
  name: 'full flow',
  channelId: 'sms',
  steps: [
    { text: 'hello', expect: /What's going wrong/ },
    { text: 'none of our users can join teams meetings or make calls', expect: /Did this solve it/ },
    { text: 'no', expect: /are you an admin/i },
    { text: 'yes', expect: /I suggest Severity A/ },
    { text: 'yes', expect: /Which plan/ },
    { text: 'business premium', expect: /full name/ },
    { text: 'Sam Jones', expect: /email address/ },
    { text: 'sam@fabrikam.com', expect: /phone number/ },
    { text: '+61 2 9999 0000', expect: /How would you like support to contact you/ },
    { text: 'email', expect: /Submit it, or change something/ },
    { text: 'submit', expect: /Request (SR-\d+) is open/ },
    { text: 'status of {ticket}', expect: /Sev A/ },
  ],
};

/** The same messages to the echo bot: the framework's floor for the same traffic. */
export const ECHO_FLOW: Scenario = {
  name: 'echo',
  channelId: 'sms',
  steps: FULL_FLOW.steps.map((s) => ({ text: s.text.replace('{ticket}', 'SR-1000001'), expect: /^echo \d+: / })),
};

let sequence = 0;

/** A Bot Framework message activity asking for its replies in the HTTP response. */
export function messageActivity(channelId: string, conversationId: string, text: string) {
  sequence += 1;
  return {
    type: 'message',
    id: `bench-${process.pid}-${sequence}`,
    text,
    channelId,
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: `admin-${conversationId}`, name: 'Bench Admin' },
    recipient: { id: 'bot', name: 'Support Assistant' },
    conversation: { id: conversationId },
    deliveryMode: 'expectReplies',
  };
}

/** The visible text of an expectReplies response body: its message activities' texts, joined. */
export function replyText(body: string): string {
  const parsed = JSON.parse(body) as { activities?: Array<{ type: string; text?: string }> };
  return (parsed.activities ?? [])
    .filter((a) => a.type === 'message')
    .map((a) => a.text ?? '')
    .join('\n');
}
