import { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, unauthorized } from '../auth/tokens';
import { ClusterState } from '../cluster/ClusterState';
import { pathNotFound } from './ApiError';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from './discovery';
import {
  handleResourceRequest,
  ResourceRequestContext,
} from './handleResourceRequest';
import { sendError, sendJson } from './http';
import { parsePath } from './parsePath';

/** Serves one request of the Kubernetes REST API for one cluster. */
export async function handleApiRequest(
  cluster: ClusterState,
  req: IncomingMessage,
  res: ServerResponse,
  context: ResourceRequestContext & { serverAddress: string },
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const path = parsePath(url.pathname);
    // A revoked token is refused everywhere, /version included: only anonymous requests may
    // read it, and a request that carries a bad token is not anonymous.
    if (cluster.faults.get().unauthorized) throw unauthorized();
    // Like the real API server, /version and health endpoints need no credentials.
    if (path.type === 'version') {
      sendJson(res, 200, versionInfo(cluster.fixture.version));
      return;
    }
    if (path.type === 'health') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    const token = authenticate(cluster.tokens, req.headers.authorization);
    if (!token) throw unauthorized();
    // Discovery documents are plain JSON even when aggregated discovery
    // (as=APIGroupDiscoveryList) is asked for: the Content-Type tells clients to fall back.
    switch (path.type) {
      case 'api':
        sendJson(res, 200, coreApiVersions(context.serverAddress));
        return;
      case 'apis':
        sendJson(res, 200, apiGroupList(cluster.kinds));
        return;
      case 'group':
        if (!cluster.kinds.groups().includes(path.group)) throw pathNotFound();
        sendJson(res, 200, apiGroup(cluster.kinds, path.group));
        return;
      case 'groupVersion': {
        const list = apiResourceList(cluster.kinds, path.group, path.version);
        if (!list) throw pathNotFound();
        sendJson(res, 200, list);
        return;
      }
      case 'resource':
        await handleResourceRequest(
          cluster,
          path,
          token,
          req,
          res,
          url.searchParams,
          context,
        );
        return;
      default:
        // Including /openapi/v2 and /openapi/v3: kubectl copes with their absence.
        throw pathNotFound();
    }
  } catch (error) {
    sendError(res, error);
  }
}
