// Types of the receiving example (helpdesk-receiver.mjs), for the tests that run it.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export function verify(secret: string, headers: IncomingHttpHeaders | { [name: string]: string | undefined } | object, body: string, nowSeconds?: number): boolean;
export interface HelpdeskTicket {
  externalId: string;
  subject: string;
  requester: { name: string; email: string; phone: string | null };
  priority: 'urgent' | 'high' | 'normal';
  status: 'open' | 'pending' | 'solved' | 'closed';
  tags: string[];
  dueAt: string | null;
}
export function toHelpdeskTicket(ticket: Record<string, unknown>): HelpdeskTicket;
export function createReceiver(options: {
  secret: string;
  upsertHelpdeskTicket: (ticket: HelpdeskTicket, event: { id: string; type: string; version: string; occurredAt: string; data: Record<string, unknown> }) => Promise<void>;
  seen?: Set<string>;
}): (req: IncomingMessage, res: ServerResponse) => void;
