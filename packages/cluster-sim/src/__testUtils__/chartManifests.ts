/**
 * One multi-document manifest file in the shape Helm charts render (ingress-nginx and cert-manager
 * style): every kind a chart commonly ships next to its workloads, plus a Secret written with
 * stringData and workloads that leave the API server's defaults unset.
 */
export const chartManifestFile = `
apiVersion: v1
kind: Namespace
metadata:
  name: ingress
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: controller
  namespace: ingress
  labels: {app.kubernetes.io/name: ingress-nginx}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: controller
  namespace: ingress
rules:
  - apiGroups: [""]
    resources: [configmaps, pods, secrets, endpoints]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: controller
  namespace: ingress
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: controller}
subjects:
  - {kind: ServiceAccount, name: controller, namespace: ingress}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ingress-controller
rules:
  - apiGroups: [networking.k8s.io]
    resources: [ingresses, ingressclasses]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ingress-controller
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ingress-controller}
subjects:
  - {kind: ServiceAccount, name: controller, namespace: ingress}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: controller
  namespace: ingress
spec:
  podSelector:
    matchLabels: {app.kubernetes.io/name: ingress-nginx}
  policyTypes: [Ingress]
  ingress:
    - ports: [{protocol: TCP, port: 443}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: ingress-admission
webhooks:
  - name: validate.nginx.ingress.kubernetes.io
    admissionReviewVersions: [v1]
    sideEffects: None
    clientConfig:
      service: {name: controller-admission, namespace: ingress, path: /networking/v1/ingresses}
    rules:
      - apiGroups: [networking.k8s.io]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [ingresses]
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: cert-manager-webhook
webhooks:
  - name: webhook.cert-manager.io
    admissionReviewVersions: [v1]
    sideEffects: None
    clientConfig:
      service: {name: cert-manager-webhook, namespace: ingress, path: /mutate}
---
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: ingress
spec:
  limits:
    - type: Container
      defaultRequest: {cpu: 100m, memory: 90Mi}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: ingress-critical
value: 1000000
globalDefault: false
description: Ingress controllers preempt ordinary workloads.
---
apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: selfsigned
  namespace: ingress
spec:
  selfSigned: {}
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef: {name: letsencrypt-account}
    solvers:
      - http01: {ingress: {ingressClassName: nginx}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: v1
kind: Secret
metadata:
  name: controller-auth
  namespace: ingress
data:
  user: b3Bz
  password: b2xk
stringData:
  password: s3cr3t
  token: "ab:cd"
---
apiVersion: v1
kind: Service
metadata:
  name: controller
  namespace: ingress
spec:
  selector: {app.kubernetes.io/name: ingress-nginx}
  ports:
    - {name: https, port: 443, targetPort: https}
    - {name: metrics, port: 10254}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller
  namespace: ingress
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: ingress-nginx}
  template:
    metadata:
      labels: {app.kubernetes.io/name: ingress-nginx}
    spec:
      serviceAccountName: controller
      initContainers:
        - {name: wait, image: busybox}
      containers:
        - {name: controller, image: "registry.k8s.io/ingress-nginx/controller:v1.12.0"}
        - {name: exporter, image: "quay.io/example/exporter:latest"}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: ingress
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      containers:
        - {name: agent, image: "registry.example/agent@sha256:7602f2814b5477d7ce1cb73d6fc0acffbfb7e64c07d630c62e1c6f9beca59974"}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
  namespace: ingress
spec:
  serviceName: cache
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
        - {name: redis, image: "redis:7.4"}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: controller
  namespace: ingress
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: controller}
  maxReplicas: 5
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
  namespace: ingress
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - {name: cleanup, image: "registry.example/cleanup:2.0"}
`;
