import http from 'node:http';
import { Socket } from 'node:net';
import { Simulator } from '../simulator';

function send(res: http.ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('the body must be JSON');
  }
}

/**
 * The simulator's admin endpoint on a loopback port (plain HTTP, JSON): lists clusters and switches
 * their faults. `GET /clusters`, and `GET`, `PUT` (replace), `PATCH` (merge), `DELETE` (clear) on
 * `/clusters/<name>/faults`.
 */
export class AdminServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly simulator: Simulator) {
    this.server = http.createServer((req, res) => {
      this.serve(req, res).catch(error =>
        send(res, 400, { error: (error as Error).message }),
      );
    });
    this.server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts listening on 127.0.0.1; answers the port. */
  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  /** Stops listening and drops connections. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(
      /\/+$/,
      '',
    );
    if (path === '/clusters' && req.method === 'GET') {
      send(
        res,
        200,
        this.simulator.clusters.map(c => ({
          name: c.name,
          url: c.url,
          faults: c.faults.get(),
        })),
      );
      return;
    }
    const match = /^\/clusters\/([^/]+)\/faults$/.exec(path);
    if (!match) {
      send(res, 404, { error: `no such admin path: ${req.method} ${path}` });
      return;
    }
    const cluster = this.simulator.clusters.find(
      c => c.name === decodeURIComponent(match[1]),
    );
    if (!cluster) {
      send(res, 404, {
        error: `no simulated cluster named "${decodeURIComponent(match[1])}"`,
      });
      return;
    }
    switch (req.method) {
      case 'GET':
        break;
      case 'PUT':
        cluster.faults.set((await readJson(req)) as any);
        break;
      case 'PATCH':
        cluster.faults.update((await readJson(req)) as any);
        break;
      case 'DELETE':
        cluster.faults.clear();
        break;
      default:
        send(res, 405, { error: `method ${req.method} not allowed` });
        return;
    }
    send(res, 200, { name: cluster.name, faults: cluster.faults.get() });
  }
}
