import { Simulator } from '@kube-reserve/cluster-sim';
import { startDemoClusters } from '../__testUtils__/startDemoBackend';
import { ClusterConnection, describeFailure } from './ClusterConnection';

describe('describeFailure', () => {
  it('names a refused token, a refused kind and a missing CRD by the API server status', () => {
    const status = (code: number, message: string) => ({
      code,
      body: JSON.stringify({ kind: 'Status', code, message }),
    });
    expect(describeFailure(status(401, 'Unauthorized'))).toEqual({
      reason: 'unauthorized',
      message: 'Unauthorized',
    });
    expect(describeFailure(status(403, 'secrets is forbidden'))).toEqual({
      reason: 'forbidden',
      message: 'secrets is forbidden',
    });
    expect(describeFailure(status(404, 'not found')).reason).toBe('absent');
  });

  it('calls a timeout and a refused connection unreachable, without the request URL', () => {
    expect(
      describeFailure(
        Object.assign(new Error('aborted'), { name: 'AbortError' }),
      ),
    ).toEqual({
      reason: 'unreachable',
      message: 'no answer within the timeout',
    });
    expect(
      describeFailure(
        new Error(
          'request to https://10.0.0.1:6443/api/v1/secrets?limit=500 failed, reason: connect ECONNREFUSED 10.0.0.1:6443',
        ),
      ),
    ).toEqual({
      reason: 'unreachable',
      message: 'connect ECONNREFUSED 10.0.0.1:6443',
    });
  });

  it('calls an answer that is not JSON broken, keeping where it broke but none of its text', () => {
    expect(
      describeFailure(new SyntaxError('Unexpected end of JSON input')),
    ).toEqual({
      reason: 'failed',
      message: 'the answer is not valid JSON (it ends too early)',
    });
    expect(
      describeFailure(
        new SyntaxError(
          'Unterminated string in JSON at position 15852 (line 1 column 15853)',
        ),
      ).message,
    ).toBe('the answer is not valid JSON (at position 15852)');
    const quoting = describeFailure(
      new SyntaxError(
        `Unexpected token 'c', "cGFzc3dvcmQ"... is not valid JSON`,
      ),
    );
    expect(quoting).toEqual({
      reason: 'failed',
      message: 'the answer is not valid JSON',
    });
  });
});

describe('ClusterConnection.list, when a continue token expires between pages', () => {
  let sim: Simulator;
  afterAll(() => sim?.stop());

  it('lists the kind again in one request, so no object is missed or seen twice', async () => {
    sim = await startDemoClusters();
    const cluster = sim.cluster('reserve-fra-b');
    const configMap = (name: string, n: number) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
      data: { n: String(n) },
    });
    for (let i = 0; i < 1200; i++) {
      cluster.objects.put(configMap(`page-${String(i).padStart(4, '0')}`, i));
    }
    // When the second page is asked for, the cluster gets busy: more writes than its history
    // keeps, so the token's resourceVersion is gone, and one more ConfigMap.
    const requests: string[] = [];
    const stop = cluster.requests.observe(({ path }) => {
      if (!path.includes('/configmaps')) return;
      requests.push(path);
      if (requests.length !== 2) return;
      for (let i = 0; i < 5001; i++) cluster.objects.put(configMap('churn', i));
      cluster.objects.put(configMap('page-late', 0));
    });
    try {
      const connection = await ClusterConnection.create(
        {
          name: cluster.name,
          url: cluster.url,
          token: cluster.token('reserve-reader'),
          caData: Buffer.from(sim.caPem).toString('base64'),
          skipTLSVerify: false,
        },
        30_000,
      );
      const names = (await connection.list('v1', 'ConfigMap', 'default')).map(
        item => item.metadata?.name ?? '',
      );
      const pages = names.filter(name => name.startsWith('page-'));
      expect(pages).toHaveLength(1201);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain('churn');
      // The first page, the expired second, then the whole kind without a limit.
      expect(requests).toHaveLength(3);
      expect(requests[1]).toMatch(/[?&]continue=/);
      expect(requests[2]).not.toMatch(/[?&](continue|limit)=/);
    } finally {
      stop();
    }
  });
});
