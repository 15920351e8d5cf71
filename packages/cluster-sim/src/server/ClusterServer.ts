import https from 'node:https';
import { Socket } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { handleApiRequest } from '../api/handleApiRequest';
import { authenticate } from '../auth/tokens';
import { ClusterState } from '../cluster/ClusterState';
import { Faults } from '../faults/FaultState';
import { ServingCertificate } from '../tls/certificates';
import { trickleResponse } from './trickleResponse';

/** The certificates a cluster can serve: its own, and an expired one for the fault. */
export interface ClusterCertificates {
  /** The fixture's serving certificate. */
  serving: ServingCertificate;
  /** A certificate that expired yesterday, made on first use. */
  expired: () => ServingCertificate;
}

/**
 * One cluster's HTTPS endpoint on 127.0.0.1. Applies faults (latency, refused connections, hangs,
 * an expired certificate, trickled answers) around the API handler, and tracks every socket so
 * stop is immediate.
 */
export class ClusterServer {
  private readonly server: https.Server;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<ServerResponse>();
  /** Open watch streams, ended when faults change (see applyFaults). */
  private readonly watches = new Set<ServerResponse>();
  private readonly abort = new AbortController();
  private listening = false;
  private boundPort = 0;
  private faults: Faults;
  private readonly stopWatchingFaults: () => void;

  constructor(
    private readonly cluster: ClusterState,
    private readonly certificates: ClusterCertificates,
    private readonly bookmarkIntervalMs: number,
  ) {
    this.server = https.createServer(
      { cert: certificates.serving.certPem, key: certificates.serving.keyPem },
      (req, res) => this.serve(req, res),
    );
    this.server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (this.faults.refuseConnections) socket.destroy();
    });
    // TLS failures (a client rejecting the expired certificate) are the client's business.
    this.server.on('tlsClientError', () => undefined);
    this.faults = cluster.faults.get();
    this.stopWatchingFaults = cluster.faults.onChange(next =>
      this.applyFaults(next),
    );
  }

  /** The port the server listens on (kept while connections are refused). */
  get port(): number {
    return this.boundPort;
  }

  /** The cluster's API URL. */
  get url(): string {
    return `https://127.0.0.1:${this.boundPort}`;
  }

  /** Starts listening; port 0 picks a free port. */
  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.listening = true;
    const address = this.server.address();
    this.boundPort =
      typeof address === 'object' && address ? address.port : port;
    return this.boundPort;
  }

  /** Stops listening, ends watches and drops every connection. */
  async close(): Promise<void> {
    this.stopWatchingFaults();
    this.abort.abort();
    this.dropConnections();
    if (this.listening) {
      this.listening = false;
      await new Promise<void>(resolve => this.server.close(() => resolve()));
    }
  }

  private dropConnections() {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private applyFaults(next: Faults) {
    const previous = this.faults;
    this.faults = next;
    if (!!next.expiredCertificate !== !!previous.expiredCertificate) {
      const cert = next.expiredCertificate
        ? this.certificates.expired()
        : this.certificates.serving;
      this.server.setSecureContext({ cert: cert.certPem, key: cert.keyPem });
      // Kept-alive connections would go on using the old certificate.
      this.dropConnections();
    }
    if (
      next.refuseConnections &&
      !previous.refuseConnections &&
      this.listening
    ) {
      this.listening = false;
      this.server.close();
      this.dropConnections();
    }
    if (
      !next.refuseConnections &&
      previous.refuseConnections &&
      !this.listening &&
      !this.abort.signal.aborted
    ) {
      this.listen(this.boundPort).catch(() => undefined);
    }
    if (!next.hang && previous.hang) {
      for (const res of this.hung) res.destroy();
      this.hung.clear();
    }
    // An open watch would carry on past a fault switched on after it started (a real API
    // server checks RBAC and answers errors when a watch starts, and ends watches only at their
    // timeout or on a restart). Ending the open watches, as a restart does, makes clients meet
    // the cluster's new state at once instead of minutes later.
    for (const res of this.watches) res.end();
    this.watches.clear();
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    this.cluster.requests.record({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      token: authenticate(this.cluster.tokens, req.headers.authorization)?.name,
    });
    if (this.faults.hang) {
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return;
    }
    if (this.faults.trickleBytesPerSecond) {
      trickleResponse(res, () => this.faults.trickleBytesPerSecond);
    }
    if (
      /[?&]watch=(true|1)(&|$)|^\/apis?\/(.+\/)?watch\//.test(req.url ?? '')
    ) {
      this.watches.add(res);
      res.on('close', () => this.watches.delete(res));
    }
    const latency = this.faults.latencyMs ?? 0;
    if (latency > 0) {
      try {
        await delay(latency, undefined, { signal: this.abort.signal });
      } catch {
        res.destroy();
        return;
      }
    }
    await handleApiRequest(this.cluster, req, res, {
      signal: this.abort.signal,
      bookmarkIntervalMs: this.bookmarkIntervalMs,
      serverAddress: `127.0.0.1:${this.boundPort}`,
    });
  }
}
