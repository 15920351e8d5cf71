import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { daysUntil } from '../../presentation/age';

// Matches the platform.api-cert check: fail under 7 days, warn under the default certWarning.
const FAIL_DAYS = 7;
const WARN_DAYS = 30;

/** An API server certificate's expiry date with how many days are left; unknown when unread. */
export function CertificateExpiry(props: { notAfter?: string }) {
  const { notAfter } = props;
  if (!notAfter) {
    return <StatusPending>Unknown</StatusPending>;
  }
  const days = daysUntil(notAfter);
  const date = notAfter.slice(0, 10);
  if (days < 0) {
    return <StatusError>Expired on {date}</StatusError>;
  }
  const text = `${date} (in ${days} d)`;
  if (days < FAIL_DAYS) {
    return <StatusError>{text}</StatusError>;
  }
  if (days < WARN_DAYS) {
    return <StatusWarning>{text}</StatusWarning>;
  }
  return <StatusOK>{text}</StatusOK>;
}
