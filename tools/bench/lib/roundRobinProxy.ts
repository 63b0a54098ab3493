import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP load balancer for the scale-out benchmark: each request goes to the next instance in
 * turn (no stickiness: any instance can take any conversation's next turn, as behind a cloud load
 * balancer without session affinity). Keep-alive connections to the instances, bodies streamed through.
 */
export interface RoundRobinProxy {
  url: string;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(targets: string[]): Promise<RoundRobinProxy> {
  const upstreams = targets.map((t) => {
    const u = new URL(t);
    return { hostname: u.hostname, port: Number(u.port), agent: new Agent({ keepAlive: true, maxSockets: 256 }) };
  });
  let next = 0;
  const server: Server = createServer((req, res) => {
    const up = upstreams[next++ % upstreams.length]!;
    const out = request({ hostname: up.hostname, port: up.port, agent: up.agent, path: req.url, method: req.method, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    out.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream error: ${err.message}`);
    });
    req.pipe(out);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const up of upstreams) up.agent.destroy();
    },
  };
}
