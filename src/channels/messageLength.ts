import type { Middleware, TurnContext } from 'botbuilder';

/**
 * The longest message the assistant reads, in characters. A problem is told in a few sentences; a
 * pasted log of hundreds of kilobytes would take the classifier a noticeable part of a second, bloat
 * the conversation's state and the transcript, and could not be filed (a request's description holds
 * at most DESCRIPTION_MAX_CHARS).
 */
export const MAX_MESSAGE_CHARS = 4000;

export function tooLongMessage(length: number, max = MAX_MESSAGE_CHARS): string {
  return (
    `That message is ${length.toLocaleString('en-US')} characters long, and I can read at most ${max.toLocaleString('en-US')} in one message. ` +
    "Please send a shorter version: a few sentences about what's going wrong are enough, and once your request is open the engineer can ask for logs or screenshots. " +
    "We're still exactly where we were."
  );
}

/**
 * Answers an over-long message with its length and the limit, and stops it there: the dialogs never
 * see it, so the conversation stays at the step it was on and the admin simply sends a shorter one.
 * It runs after the duplicate-delivery guard, so a redelivered long message is not answered twice, and
 * before the transcript logger, so the agents' transcript does not store it.
 */
export function messageLengthLimit(max = MAX_MESSAGE_CHARS): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const text = context.activity.type === 'message' ? context.activity.text : undefined;
      if (typeof text === 'string' && text.length > max) {
        // Characters as a person counts them (an emoji is one), not UTF-16 code units.
        const length = [...text].length;
        if (length > max) {
          await context.sendActivity(tooLongMessage(length, max));
          return;
        }
      }
      await next();
    },
  };
}
