import { Agent, request } from 'node:http';

/**
 * JSON POSTs over keep-alive connections with node:http directly: cheaper per request than fetch, so
 * the driver takes less of the CPU the server under test needs.
 */
export interface Poster {
  post(path: string, body: unknown): Promise<{ status: number; text: string }>;
  /**
   * Opens `count` connections (a GET each, all at once) and keeps them. Without this, a burst of new
   * connections into a saturated Node server waits: it reads the first request of a new connection
   * only after the requests pending on existing ones (about one per event-loop iteration), so a
   * measurement would count that ramp-up as turn latency.
   */
  connect(path: string, count: number): Promise<void>;
  close(): void;
}

export function createPoster(baseUrl: string, maxSockets: number): Poster {
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    post(path, body) {
      const payload = Buffer.from(JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const req = request(
          { agent, hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': payload.length } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    async connect(path, count) {
      await Promise.all(
        Array.from(
          { length: count },
          () =>
            new Promise<void>((resolve, reject) => {
              request({ agent, hostname, port, path, method: 'GET' }, (res) => {
                res.resume();
                res.on('end', resolve);
              })
                .on('error', reject)
                .end();
            }),
        ),
      );
    },
    close: () => agent.destroy(),
  };
}
