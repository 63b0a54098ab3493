import type { DirectLineActivity } from './protocol.js';

/**
 * Turns a bot activity into plain text for a terminal: message text, hero and Adaptive Cards, and
 * the buttons they offer. Each button carries the activity pressing it sends, built the way Web
 * Chat builds it, so the bot cannot tell a terminal click from a browser click.
 */

export interface TextButton {
  title: string;
  /** The activity to post when pressed; absent for links, which are only shown. */
  send?: Record<string, unknown>;
  url?: string;
}

export interface TextRendering {
  lines: string[];
  buttons: TextButton[];
}

type Json = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Bold markers and links in bot text are shown the way a reader would see them. */
function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 ($2)');
}

function cardActionButton(action: Json): TextButton | undefined {
  const title = str(action.title) ?? str(action.text) ?? str(action.value);
  if (!title) return undefined;
  const value = action.value;
  switch (action.type) {
    case 'imBack':
      return { title, send: { type: 'message', text: String(value ?? title) } };
    case 'postBack':
      return { title, send: typeof value === 'string' ? { type: 'message', text: value } : { type: 'message', value } };
    case 'messageBack':
      return { title, send: { type: 'message', text: str(action.text), value, channelData: { messageBack: { displayText: str(action.displayText) } } } };
    case 'openUrl':
    case 'signin':
    case 'downloadFile':
      return { title, url: String(value ?? '') };
    default:
      return undefined;
  }
}

function adaptiveActionButton(action: Json): TextButton | undefined {
  const title = str(action.title);
  if (!title) return undefined;
  if (action.type === 'Action.OpenUrl') return { title, url: String(action.url ?? '') };
  if (action.type !== 'Action.Submit' && action.type !== 'Action.Execute') return undefined;
  const data = action.data;
  if (typeof data === 'string') return { title, send: { type: 'message', text: data } };
  const teams = (data as Json | undefined)?.msteams as Json | undefined;
  if (teams?.type === 'imBack') return { title, send: { type: 'message', text: String(teams.value ?? title) } };
  if (teams?.type === 'messageBack') return { title, send: { type: 'message', text: str(teams.text), value: teams.value } };
  return { title, send: { type: 'message', value: data ?? {} } };
}

function walkAdaptive(elements: unknown, out: TextRendering): void {
  if (!Array.isArray(elements)) return;
  for (const item of elements as Json[]) {
    if (!item || typeof item !== 'object' || item.isVisible === false) continue;
    switch (item.type) {
      case 'TextBlock':
        if (str(item.text)) out.lines.push(plain(String(item.text)));
        break;
      case 'RichTextBlock':
        out.lines.push(((item.inlines as Json[]) ?? []).map((i) => (typeof i === 'string' ? i : str(i.text) ?? '')).join(''));
        break;
      case 'FactSet':
        for (const fact of (item.facts as Json[]) ?? []) out.lines.push(`  ${fact.title}: ${fact.value}`);
        break;
      case 'Image':
        if (str(item.altText)) out.lines.push(`[image: ${item.altText}]`);
        break;
      case 'Container':
        walkAdaptive(item.items, out);
        break;
      case 'ColumnSet':
        for (const column of (item.columns as Json[]) ?? []) walkAdaptive(column.items, out);
        break;
      case 'ActionSet':
        for (const action of (item.actions as Json[]) ?? []) {
          const button = adaptiveActionButton(action);
          if (button) out.buttons.push(button);
        }
        break;
      default:
        if (String(item.type).startsWith('Input.')) {
          const label = str(item.label) ?? str(item.placeholder) ?? str(item.id) ?? 'field';
          const value = item.value === undefined || item.value === '' ? '' : ` (now: ${item.value})`;
          const choices = Array.isArray(item.choices) ? ` [${(item.choices as Json[]).map((c) => c.title).join(' / ')}]` : '';
          out.lines.push(`  ▸ ${label}${choices}${value}`);
        }
    }
  }
}

export function renderActivityAsText(activity: DirectLineActivity): TextRendering {
  const out: TextRendering = { lines: [], buttons: [] };
  if (str(activity.text)) out.lines.push(plain(String(activity.text)));
  for (const attachment of (activity.attachments as Json[] | undefined) ?? []) {
    const content = (attachment.content ?? {}) as Json;
    switch (attachment.contentType) {
      case 'application/vnd.microsoft.card.adaptive':
        walkAdaptive(content.body, out);
        for (const action of (content.actions as Json[]) ?? []) {
          const button = adaptiveActionButton(action);
          if (button) out.buttons.push(button);
        }
        break;
      case 'application/vnd.microsoft.card.hero':
      case 'application/vnd.microsoft.card.thumbnail':
        for (const key of ['title', 'subtitle', 'text']) if (str(content[key])) out.lines.push(plain(String(content[key])));
        for (const action of (content.buttons as Json[]) ?? []) {
          const button = cardActionButton(action);
          if (button) out.buttons.push(button);
        }
        break;
      default:
        if (str(attachment.name) || str(attachment.contentUrl)) out.lines.push(`[attachment: ${attachment.name ?? attachment.contentUrl}]`);
    }
  }
  const suggested = (activity.suggestedActions as { actions?: Json[] } | undefined)?.actions ?? [];
  for (const action of suggested) {
    const button = cardActionButton(action);
    if (button) out.buttons.push(button);
  }
  return out;
}
