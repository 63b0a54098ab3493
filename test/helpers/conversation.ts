import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity, type Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SupportBot } from '../../dialogs/supportBot.js';
import { loadConfig } from '../../src/config.js';
import { createConversationServices } from '../../src/conversationServices.js';
import type { Db } from '../../src/storage/db.js';
import { DatabaseStorage } from '../../src/storage/stateStorage.js';
import type { ConversationServices } from '../../dialogs/services.js';
import { openTestDb, resetDatabase } from './databases.js';

export type Reply = Partial<Activity>;

/** Everything a reply shows a person: its text and the text of its cards' blocks, facts and buttons. */
export function visibleText(reply: Reply): string {
  const parts: string[] = [reply.text ?? ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    // A label over its value (dialogs/cards/adaptiveCard.ts fields()) reads as one "label: value" line, like a fact.
    const pair = o.type === 'Container' && Array.isArray(o.items) && o.items.length === 2 ? (o.items as Record<string, unknown>[]) : undefined;
    if (pair && pair.every((i) => i.type === 'TextBlock') && pair[0]!.weight === 'Bolder' && pair[0]!.size === 'Small') {
      parts.push(`${String(pair[0]!.text)}: ${String(pair[1]!.text)}`);
      return;
    }
    if (o.type === 'TextBlock' && typeof o.text === 'string') parts.push(o.text);
    if (typeof o.title === 'string' && typeof o.type === 'string' && o.type.startsWith('Action.')) parts.push(`[${o.title}]`);
    if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) parts.push(`${f.title}: ${f.value}`);
    if (typeof o.label === 'string') parts.push(o.label);
    for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
  };
  for (const a of reply.attachments ?? []) walk(a.content);
  return parts.filter(Boolean).join('\n');
}

export interface TestConversation {
  adapter: TestAdapter;
  services: ConversationServices;
  /** Sends text (or a card submit value) and returns the bot's message replies. */
  say(input: string | { value: Record<string, unknown>; text?: string }): Promise<Reply[]>;
  /** All visible text of the replies to one input, joined. */
  sayText(input: string | { value: Record<string, unknown>; text?: string }): Promise<string>;
  conversationId: string;
}

export interface ConversationOptions {
  db: Db;
  channelId?: string;
  storage?: Storage;
  services?: ConversationServices;
  from?: Partial<Activity['from']> & { aadObjectId?: string };
  env?: Record<string, string>;
  now?: () => Date;
  conversationId?: string;
}

/** A conversation with the real bot and services on a test database, through botbuilder's TestAdapter. */
export function startConversation(opts: ConversationOptions): TestConversation {
  const storage = opts.storage ?? new DatabaseStorage(opts.db);
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_SAMPLE_INCIDENTS: 'false', ...(opts.env ?? {}) });
  const services = opts.services ?? createConversationServices(opts.db, config, opts.now);
  const bot = new SupportBot(new ConversationState(storage), new UserState(storage), services);
  const conversationId = opts.conversationId ?? `conv-${randomUUID()}`;
  const from = { id: `user-${conversationId}`, name: 'Alex Admin', ...(opts.from ?? {}) };
  const adapter = new TestAdapter(async (context) => bot.run(context), {
    channelId: opts.channelId ?? 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    user: from,
    bot: { id: 'bot', name: 'Support Assistant' },
    serviceUrl: 'http://127.0.0.1:9',
    locale: 'en-US',
  } as never);
  const say = async (input: string | { value: Record<string, unknown>; text?: string }): Promise<Reply[]> => {
    const activity: Partial<Activity> =
      typeof input === 'string' ? { type: 'message', text: input, from } : { type: 'message', text: input.text ?? '', value: input.value, from };
    await adapter.receiveActivity(activity);
    return adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
  };
  return {
    adapter,
    services,
    conversationId,
    say,
    sayText: async (input) => (await say(input)).map(visibleText).join('\n---\n'),
  };
}

export { MemoryStorage };

/**
 * A private database for a conversation suite, emptied before each test so scenarios never see each
 * other's tickets, incidents or state. Read `ctx.db` inside tests.
 */
export function useConversationDb(): { db: Db } {
  const ctx = {} as { db: Db };
  beforeAll(async () => {
    ctx.db = await openTestDb('pglite');
  });
  afterAll(() => ctx.db?.close());
  beforeEach(() => resetDatabase(ctx.db));
  return ctx;
}

/** Says each line in turn and returns the visible text of the replies to the last one. */
export async function script(c: TestConversation, lines: string[]): Promise<string> {
  let last = '';
  for (const line of lines) last = await c.sayText(line);
  return last;
}

export async function ticketCount(db: Db): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0]!.n;
}
