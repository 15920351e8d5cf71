// Freshness: how long a change on a cluster takes to show in an entity's report.
import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

// Service 2 runs on prod-fra and reserve-ams with the same images: parity.images passes.
const SERVICE = 'svc-002';
const CLUSTER = 'reserve-ams';
const DEPLOYMENT = `${SERVICE}-api`;

/** A strategic merge patch of the Deployment's one container image, with the operator token. */
function setImage(cluster, caPem, image) {
  const body = JSON.stringify({
    spec: { template: { spec: { containers: [{ name: 'main', image }] } } },
  });
  const url = new URL(
    `/apis/apps/v1/namespaces/${SERVICE}/deployments/${DEPLOYMENT}`,
    cluster.url,
  );
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PATCH',
        ca: caPem,
        headers: {
          Authorization: `Bearer ${cluster.tokens['reserve-operator']}`,
          'Content-Type': 'application/strategic-merge-patch+json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      res => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`PATCH ${url.pathname}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function imagesState(client) {
  const { ok, status, body } = await client.readiness(SERVICE);
  if (!ok) throw new Error(`readiness of ${SERVICE} answered ${status}`);
  return body.checks.find(check => check.id === 'parity.images')?.state;
}

/**
 * Changes svc-002-api's image on reserve-ams and back, `rounds` times, each time measuring from
 * the PATCH's answer to the first readiness report (polled every 25 ms) whose parity.images
 * shows it: fail after the change, pass after the change back. Answers the samples in ms.
 */
export async function measureFreshness({
  client,
  sim,
  rounds = 3,
  timeoutMs = 60_000,
}) {
  const cluster = sim.clusters.find(c => c.name === CLUSTER);
  const original = `registry.example.com/${SERVICE}/${DEPLOYMENT}:1.2.1`;
  if ((await imagesState(client)) !== 'pass') {
    throw new Error(`${SERVICE}'s parity.images does not pass to start with`);
  }
  const samples = [];
  const change = async (image, expected) => {
    await setImage(cluster, sim.caPem, image);
    const started = Date.now();
    while ((await imagesState(client)) !== expected) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`parity.images of ${SERVICE} never turned ${expected}`);
      }
      await sleep(25);
    }
    samples.push(Date.now() - started);
  };
  try {
    for (let round = 0; round < rounds; round++) {
      await change(`${original}-changed-${round}`, 'fail');
      await change(original, 'pass');
    }
  } finally {
    await setImage(cluster, sim.caPem, original).catch(() => undefined);
  }
  return samples;
}
