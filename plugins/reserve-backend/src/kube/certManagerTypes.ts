import type { KubernetesObject } from '@kubernetes/client-node';

/** cert-manager.io/v1 Certificate: the fields Kube Reserve reads. */
export interface CertManagerCertificate extends KubernetesObject {
  spec?: {
    secretName?: string;
    dnsNames?: string[];
    issuerRef?: { name?: string; kind?: string };
  };
  status?: {
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
    }>;
    notAfter?: string;
    renewalTime?: string;
    /** Set while issuance keeps failing; cleared once a certificate is issued. */
    lastFailureTime?: string;
    failedIssuanceAttempts?: number;
  };
}
