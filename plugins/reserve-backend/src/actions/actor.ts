import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who a request acts as, for plans, executions and audit events: a user ref or a service subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type ?? 'unknown';
}
