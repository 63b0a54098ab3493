import { z } from 'zod';

/**
 * Production mode: the Direct Line secret of the Azure Bot resource is exchanged, server side, for a
 * short-lived token bound to one new conversation and one server-assigned user. The browser only
 * ever sees the token.
 */

const generateResponse = z.object({
  conversationId: z.string().min(1),
  token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export type GeneratedToken = z.infer<typeof generateResponse>;

export class TokenExchangeError extends Error {
  constructor(
    message: string,
    readonly upstreamStatus?: number,
  ) {
    super(message);
    this.name = 'TokenExchangeError';
  }
}

export interface ExchangeOptions {
  /** e.g. https://directline.botframework.com (a regional or test endpoint works too). */
  endpoint: string;
  secret: string;
  userId: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export async function exchangeSecretForToken({ endpoint, secret, userId, timeoutMs = 10_000, fetchImpl = fetch }: ExchangeOptions): Promise<GeneratedToken> {
  let res: Response;
  try {
    res = await fetchImpl(`${endpoint.replace(/\/+$/, '')}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      // The user id goes into the token, so the client cannot choose or change it.
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new TokenExchangeError('Direct Line service not reachable');
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new TokenExchangeError(`Direct Line service answered ${res.status}`, res.status);
  }
  const parsed = generateResponse.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new TokenExchangeError('Direct Line service answered with an unexpected body', res.status);
  return parsed.data;
}
