import type { Activity } from 'botbuilder';

/**
 * A button on our cards submits `{ choice }`. Web Chat sends it as `value` with no text; Teams may wrap
 * it (message-back). Either way it becomes the activity's text, so every prompt accepts a click and the
 * same words typed, and the dialogs never need to know which one it was.
 */
export function readCardSubmit(activity: Partial<Activity>): void {
  const value = activity.value as { choice?: unknown; msteams?: { text?: unknown } } | undefined;
  if (!value || typeof value !== 'object') return;
  const choice = typeof value.choice === 'string' ? value.choice : typeof value.msteams?.text === 'string' ? value.msteams.text : undefined;
  if (choice && !(activity.text ?? '').trim()) activity.text = choice.slice(0, 500);
}
