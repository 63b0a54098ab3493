import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/testApp.js';

/**
 * WebSocket upgrades on paths nothing serves used to be left unanswered, each holding a file
 * descriptor until the process ran out of them (then /health and token requests were reset).
 * Every upgrade that is not a valid stream must be answered and its socket closed.
 */

const openDescriptors = () => readdirSync('/proc/self/fd').length;

/** Sends a WebSocket upgrade and resolves with the status line once the server has closed its side. */
function strayUpgrade(url: string, path: string, timeoutMs = 5_000): Promise<{ status: number; closedByServer: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    // Half-open allowed: the client does not close its side, so only the server can end the exchange.
    const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true });
    let response = '';
    const finish = (closedByServer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0), closedByServer });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk) => (response += chunk));
    socket.on('end', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
  });
}

async function flood(url: string, paths: string[], total: number, concurrency = 200) {
  const results: { status: number; closedByServer: boolean }[] = [];
  for (let sent = 0; sent < total; sent += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, total - sent) }, (_, i) => strayUpgrade(url, paths[(sent + i) % paths.length]!));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

async function settle(baseline: number, slack: number) {
  const deadline = Date.now() + 5_000;
  while (openDescriptors() > baseline + slack && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return openDescriptors();
}

describe('stray WebSocket upgrades in local mode', () => {
  const ctx = useTestApp();

  it('are answered and closed, so thousands leave the descriptor count flat and the server answering', async () => {
    await strayUpgrade(ctx.app.url, '/warm-up');
    const before = openDescriptors();
    const paths = ['/', '/nothing-here', '/api/messages', '/health', '/v3/directline/conversations/x/stream?t=forged', '/v3/directline/tokens/generate'];
    const results = await flood(ctx.app.url, paths, 3_000);
    expect(results.every((r) => r.closedByServer)).toBe(true);
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([404, 403]));
    const after = await settle(before, 20);
    expect(after - before).toBeLessThanOrEqual(20);
    const health = await fetch(`${ctx.app.url}/health`);
    expect(health.status).toBe(200);
  });
});

describe('stray WebSocket upgrades with MicrosoftAppId set', () => {
  const ctx = useTestApp({ MicrosoftAppId: '00000000-0000-0000-0000-00000000a11d', MicrosoftAppPassword: 'not-used-offline' });

  it('are answered and closed on every path as well', async () => {
    const before = openDescriptors();
    const results = await flood(ctx.app.url, ['/', '/api/messages', '/v3/directline/conversations/x/stream'], 1_000);
    expect(results.every((r) => r.closedByServer)).toBe(true);
    expect(results.every((r) => r.status === 404 || r.status === 403)).toBe(true);
    expect((await settle(before, 20)) - before).toBeLessThanOrEqual(20);
    expect((await fetch(`${ctx.app.url}/api/directline/token`, { method: 'POST' })).status).toBe(200);
  });
});
