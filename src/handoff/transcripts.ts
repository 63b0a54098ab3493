import { translate } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Db, RetentionStep } from '../storage/index.js';

/**
 * The transcript of each conversation, for the agent who takes over: message activities from the admin
 * and the bot (agent messages relayed by the bot are marked as the agent's). Stored by
 * `databaseTranscriptLogger`, which the channel edge puts behind botbuilder's `TranscriptLoggerMiddleware`,
 * so every turn on every channel is recorded without the dialogs knowing. The stored text is complete (contact details included) because agents
 * need it; it is never written to the application log.
 */

export type TranscriptRole = 'user' | 'bot' | 'agent';

/** The fields of a channel activity the transcript reads; a Bot Framework `Activity` has all of them. */
export interface ActivityLike {
  type?: string;
  id?: string;
  timestamp?: Date | string;
  channelId?: string;
  text?: string;
  textFormat?: string;
  from?: { id?: string; name?: string; role?: string };
  recipient?: unknown;
  conversation?: { id?: string };
  attachments?: unknown;
  value?: unknown;
  channelData?: unknown;
}

/** Stored activities in the shape of a Bot Framework transcript (for the handoff.initiate event). */
export interface StoredTranscript {
  activities: ActivityLike[];
}

export interface TranscriptLine {
  id: number;
  role: TranscriptRole;
  text: string;
  at: Date;
}

/** Marks an activity the bot sends on an agent's behalf (read back when it is logged). */
export const AGENT_MARK = 'supportAssistantAgent';

/** Activities bigger than this are stored without their attachments (cards can be large). */
const MAX_STORED_BYTES = 32 * 1024;
/** The handoff event carries at most this many activities (most recent)... */
export const HANDOFF_TRANSCRIPT_LIMIT = 200;
/** ...and at most this much JSON: channels cap an activity's size (the embedded Direct Line at 256 KB). */
export const HANDOFF_TRANSCRIPT_MAX_BYTES = 180 * 1024;

export interface TranscriptStore {
  /** Lines of a conversation, oldest first. */
  lines(conversationId: string, opts?: { limit?: number }): Promise<TranscriptLine[]>;
  /** The stored activities as a Bot Framework transcript (for the handoff.initiate event). */
  transcript(conversationId: string, limit?: number): Promise<StoredTranscript>;
  /** Deletes what was stored before `cutoff`; returns how many activities went. */
  deleteBefore(cutoff: Date): Promise<number>;
  /** When the admin last wrote in the conversation (any channel); null when never (or no longer stored). */
  lastFromAdmin(conversationId: string): Promise<Date | null>;
}

/** What card submits were stored as until the transcript showed the answer (read back from their stored value). */
const LEGACY_SUBMIT_TEXT = '(submitted a form)';

/** Fields of a card submit that say which button or question it was, not what the person answered. */
const SUBMIT_ROUTING = new Set(['action', 'submissionId', 'question', 'msteams', 'choice']);

/** "contactMethod" -> "Contact method": a form field's id as agents read it. */
function fieldLabel(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').replace(/([a-z\d])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const shown = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

/**
 * What a card submit answered, for the agents' transcript (in English, like the console): the button's
 * words ("Chose: Email"; our buttons submit `{ choice }`, Teams' message-back `{ msteams: { text } }`)
 * or a form's fields ("Name: Sam Jones, Email: sam@fabrikam.com"), as the person entered them. Undefined
 * when the value is not a submit with anything to show.
 */
export function submitText(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const choice = shown(o.choice) ?? shown((o.msteams as Record<string, unknown> | undefined)?.text);
  const fields = Object.entries(o)
    .filter(([key]) => !SUBMIT_ROUTING.has(key))
    .map(([key, v]) => [key, shown(v)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([key, v]) => translate('en', 'agentTools.transcript.field', { label: fieldLabel(key), value: v }));
  const parts = [choice && translate('en', 'agentTools.transcript.chose', { choice }), fields.length ? fields.join(', ') : undefined].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** What a person sees of an activity: its text, else the text blocks and buttons of its cards; what a card submit answered; files by name. */
export function displayText(activity: ActivityLike): string {
  const parts: string[] = [];
  const submitted = submitText(activity.value);
  // A button click arrives with the button's words as text too (Teams, or set by the bot): say it once.
  const choice = submitted && typeof activity.text === 'string' ? activity.text.trim() : '';
  if (typeof activity.text === 'string' && activity.text && !(choice && submitted?.includes(choice))) parts.push(activity.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') parts.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) {
      for (const f of o.facts as Array<{ title?: unknown; value?: unknown } | null>) if (f && typeof f === 'object') parts.push(`${f.title ?? ''}: ${f.value ?? ''}`);
    }
    if (typeof o.title === 'string' && typeof o.type === 'string' && o.type.startsWith('Action.')) parts.push(`[${o.title}]`);
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
  };
  // Incoming activities are the sender's JSON: attachments may be anything, not the array they should be.
  if (Array.isArray(activity.attachments)) {
    for (const a of activity.attachments as Array<{ content?: unknown; name?: unknown; contentType?: unknown } | null>) {
      // A file (an image, a log) rather than a card: agents see its name.
      if (a && typeof a.name === 'string' && a.name && !String(a.contentType ?? '').startsWith('application/vnd.microsoft.card.')) {
        parts.push(translate('en', 'agentTools.transcript.file', { name: a.name }));
      } else walk(a?.content);
    }
  }
  if (submitted) parts.push(submitted);
  else if (parts.length === 0 && activity.value && typeof activity.value === 'object') parts.push(translate('en', 'agentTools.transcript.emptySubmit'));
  return parts.join('\n').slice(0, 8000);
}

function roleOf(activity: ActivityLike): TranscriptRole {
  if ((activity.channelData as Record<string, unknown> | undefined)?.[AGENT_MARK]) return 'agent';
  return activity.from?.role === 'user' ? 'user' : 'bot';
}

/** The part of an activity worth keeping: no raw* duplicates, no oversized cards. */
function storable(activity: ActivityLike): Record<string, unknown> {
  const { type, id, timestamp, from, recipient, text, textFormat, attachments, value, channelId, conversation } = activity;
  const kept: Record<string, unknown> = { type, id, timestamp, from, recipient, text, textFormat, attachments, value, channelId, conversation: conversation && { id: conversation.id } };
  if (JSON.stringify(kept).length > MAX_STORED_BYTES) {
    delete kept.attachments;
    delete kept.value;
  }
  return kept;
}

export function createTranscriptStore(db: Db): TranscriptStore {
  return {
    async lines(conversationId, opts) {
      const limit = Math.max(1, Math.min(opts?.limit ?? 500, 2000));
      const { rows } = await db.query<{ id: number; role: TranscriptRole; text: string; at: Date; value: unknown }>(
        `SELECT * FROM (SELECT id, role, text, at, activity->'value' AS value FROM transcript_activities
                         WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2) t ORDER BY id`,
        [conversationId, limit],
      );
      // Submits stored before the transcript said what was chosen read "(submitted a form)"; their value says it.
      const text = (r: (typeof rows)[number]) => (r.text === LEGACY_SUBMIT_TEXT ? (submitText(r.value) ?? r.text) : r.text);
      return rows.map((r) => ({ id: Number(r.id), role: r.role, text: text(r), at: new Date(r.at) }));
    },
    async transcript(conversationId, limit = HANDOFF_TRANSCRIPT_LIMIT) {
      const { rows } = await db.query<{ activity: ActivityLike }>(
        'SELECT activity FROM (SELECT id, activity FROM transcript_activities WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2) t ORDER BY id',
        [conversationId, limit],
      );
      // Newest first until the budget is spent, so a long conversation keeps its most recent part.
      const kept: ActivityLike[] = [];
      let bytes = 0;
      for (const { activity } of rows.reverse()) {
        bytes += JSON.stringify(activity).length;
        if (bytes > HANDOFF_TRANSCRIPT_MAX_BYTES) break;
        kept.unshift(activity);
      }
      return { activities: kept };
    },
    async deleteBefore(cutoff) {
      const { rowCount } = await db.query('DELETE FROM transcript_activities WHERE at < $1', [cutoff]);
      return rowCount;
    },

    async lastFromAdmin(conversationId) {
      const { rows } = await db.query<{ at: Date | null }>("SELECT max(at) AS at FROM transcript_activities WHERE conversation_id = $1 AND role = 'user'", [conversationId]);
      return rows[0]?.at ? new Date(rows[0].at) : null;
    },
  };
}

/** Structurally a botbuilder `TranscriptLogger`, so the channel edge can hand it to `TranscriptLoggerMiddleware`. */
/** The handoff's retention step: transcripts stored for agents contain everything the admin typed. */
export function transcriptRetention(db: Db): RetentionStep {
  const store = createTranscriptStore(db);
  return { deleteBefore: async (cutoff) => ({ transcriptActivities: await store.deleteBefore(cutoff) }) };
}

export interface DatabaseTranscriptLogger {
  logActivity(activity: ActivityLike): void | Promise<void>;
  /** Resolves when everything logged so far is written (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * The TranscriptLogger for `TranscriptLoggerMiddleware`. The middleware hands over a turn's activities at
 * the end of the turn without waiting; they are written in the order given, the activities logged
 * meanwhile together in one statement (a turn's message and its replies are one insert, not one each).
 * A failed write is logged (without content) instead of failing anything, and costs only its own row.
 */
export function databaseTranscriptLogger(db: Db, log: Logger, now: () => Date = () => new Date()): DatabaseTranscriptLogger {
  type Row = [conversationId: string, channelId: string, role: TranscriptRole, text: string, activity: string, at: Date];
  let chain: Promise<void> = Promise.resolve();
  const pending: Row[] = [];

  const insert = (rows: Row[]) =>
    db.query(
      `INSERT INTO transcript_activities (conversation_id, channel_id, role, text, activity, at) VALUES ${rows
        .map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}::jsonb, $${i * 6 + 6})`)
        .join(', ')}`,
      rows.flat(),
    );

  const flush = async (): Promise<void> => {
    // Bounded batches: a statement carries at most 65,535 parameters.
    const rows = pending.splice(0, 1000);
    if (pending.length > 0) chain = chain.then(flush);
    if (rows.length === 0) return;
    try {
      await insert(rows);
    } catch {
      // One bad row must not take the others with it: write them one by one.
      for (const row of rows) {
        try {
          await insert([row]);
        } catch (err) {
          log.warn({ err: { message: (err as Error).message }, conversationId: row[0] }, 'could not store a transcript activity');
        }
      }
    }
  };

  return {
    logActivity(activity: ActivityLike) {
      if (activity.type !== 'message' || !activity.conversation?.id) return;
      const text = displayText(activity);
      if (!text && !(Array.isArray(activity.attachments) && activity.attachments.length)) return;
      pending.push([activity.conversation.id, activity.channelId ?? '', roleOf(activity), text, JSON.stringify(storable(activity)), now()]);
      // The first activity of a batch queues its write; later ones ride along until it starts.
      if (pending.length === 1) chain = chain.then(flush);
      return chain;
    },
    idle: () => chain,
  };
}
