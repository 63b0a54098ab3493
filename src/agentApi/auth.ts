import type { IncomingMessage } from 'node:http';
import type { Response } from 'restify';
import type { Agent, AgentStore } from '../agents/index.js';

/**
 * Bearer authentication for every agent endpoint. A missing header, a malformed one and an unknown or
 * revoked token all get the same 401, so a caller learns nothing about which agents or tokens exist.
 */

const BEARER = /^Bearer ([^\s]+)$/i;

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header.trim())?.[1];
}

export async function authenticate(req: IncomingMessage, agents: AgentStore): Promise<Agent | undefined> {
  const token = bearerToken(req);
  if (!token) return undefined;
  const agent = await agents.authenticate(token);
  // Any API call counts as presence; a failed presence write must not fail the call.
  if (agent) await agents.touch(agent).catch(() => undefined);
  return agent;
}

export function sendUnauthorized(res: Response): void {
  if (res.headersSent) return;
  res.header('WWW-Authenticate', 'Bearer realm="support-assistant-agents"');
  res.status(401);
  res.json({ error: { status: 401, message: 'Unauthorized.' } });
}
