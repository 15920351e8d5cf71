// What a team deploys for one service, the same on every cluster but for what differs per site.
import { serviceName } from './fixtures.mjs';

/**
 * The objects of service number `i` on one cluster, in its own namespace. On a reserve the
 * Deployments run at 6:4 of the primary's replicas and the CronJob is suspended.
 */
export function serviceObjects(i, cluster) {
  const name = serviceName(i);
  const primary = cluster.role === 'primary';
  const id = { 'backstage.io/kubernetes-id': name };
  const meta = (objectName, extra = {}) => ({
    name: objectName,
    namespace: name,
    labels: { ...id, 'app.kubernetes.io/name': objectName },
    ...extra,
  });
  const reserveReplicas = replicas =>
    primary ? replicas : Math.ceil((replicas * 4) / 6);
  // Defects, one service in a few: they vary the checks' outcomes as real fleets do.
  const imageDrift = !primary && i % 10 === 3;
  const activeReserveCronJob = !primary && i % 25 === 7;
  const singleReplica = i % 20 === 0;
  const tag = imageDrift ? `1.${i % 7}.0` : `1.${i % 7}.1`;

  const workload = (kind, objectName, replicas, extraSpec = {}) => ({
    apiVersion: 'apps/v1',
    kind,
    metadata: meta(objectName),
    spec: {
      replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': objectName } },
      template: podTemplate(name, objectName, `${objectName}:${tag}`),
      ...extraSpec,
    },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  });

  const objects = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: id },
    },
    workload('Deployment', `${name}-api`, reserveReplicas(3)),
    workload(
      'Deployment',
      `${name}-worker`,
      reserveReplicas(singleReplica ? 1 : 2),
    ),
    workload('StatefulSet', `${name}-cache`, 2, {
      serviceName: `${name}-cache`,
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: 'standard',
            resources: { requests: { storage: '1Gi' } },
          },
        },
      ],
    }),
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta(`${name}-report`),
      spec: {
        schedule: '0 4 * * *',
        suspend: !primary && !activeReserveCronJob,
        jobTemplate: {
          spec: {
            // A Job's pods must not restart Always: a real API server refuses the CronJob.
            template: podTemplate(
              name,
              `${name}-report`,
              `report:${tag}`,
              'OnFailure',
            ),
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(`${name}-api`),
      spec: {
        selector: { 'app.kubernetes.io/name': `${name}-api` },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(`${name}-db`),
      spec: {
        type: 'ExternalName',
        externalName: `pg-${name}.${cluster.site}.internal`,
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${name}-site`),
      data: { SITE: cluster.site, DB_HOST: `${name}-db` },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(`${name}-db-credentials`),
      type: 'Opaque',
      data: {
        password: Buffer.from(`${name}-${cluster.site}`).toString('base64'),
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(`${name}-api`),
      spec: {
        maxUnavailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': `${name}-api` } },
      },
      status: { disruptionsAllowed: 1 },
    },
  ];
  if (i % 3 === 0) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(`${name}-api`),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: `${name}-api`,
        },
        minReplicas: reserveReplicas(3),
        maxReplicas: 6,
      },
    });
  }
  if (i % 2 === 0) {
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(name),
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: `${name}.example.com`,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: { name: `${name}-api`, port: { number: 80 } },
                  },
                },
              ],
            },
          },
        ],
      },
    });
  }
  return objects;
}

// A pod template as teams write them: spread over nodes and zones, probes, requests, site
// configuration from the ConfigMap and Secret that differ per site.
function podTemplate(service, objectName, image, restartPolicy) {
  const labels = {
    'backstage.io/kubernetes-id': service,
    'app.kubernetes.io/name': objectName,
  };
  const spread = topologyKey => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { 'app.kubernetes.io/name': objectName } },
  });
  return {
    metadata: { labels },
    spec: {
      ...(restartPolicy ? { restartPolicy } : {}),
      topologySpreadConstraints: [
        spread('kubernetes.io/hostname'),
        spread('topology.kubernetes.io/zone'),
      ],
      securityContext: { runAsNonRoot: true, runAsUser: 10001 },
      containers: [
        {
          name: 'main',
          image: `registry.example.com/${service}/${image}`,
          ports: [{ name: 'http', containerPort: 8080 }],
          envFrom: [
            { configMapRef: { name: `${service}-site` } },
            { secretRef: { name: `${service}-db-credentials` } },
          ],
          resources: {
            requests: { cpu: '100m', memory: '256Mi' },
            limits: { memory: '512Mi' },
          },
          readinessProbe: {
            httpGet: { path: '/healthz/ready', port: 'http' },
            periodSeconds: 5,
          },
          livenessProbe: {
            httpGet: { path: '/healthz/live', port: 'http' },
            periodSeconds: 10,
          },
        },
      ],
    },
  };
}
