import type { Activity } from 'botbuilder';
import { readChoiceSubmit } from './cards/adaptiveCard.js';

/**
 * A button on our cards submits `{ choice }`. Web Chat sends it as `value` with no text; Teams may wrap
 * it (message-back). Either way it becomes the activity's text, so every prompt accepts a click and the
 * same words typed, and the dialogs never need to know which one it was.
 */
export function readCardSubmit(activity: Partial<Activity>): void {
  const submit = readChoiceSubmit(activity.value);
  const choice = submit?.choice ?? submit?.msteams?.text;
  if (choice && !(activity.text ?? '').trim()) activity.text = choice.slice(0, 500);
}
