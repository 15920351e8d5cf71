import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { Verdict } from '@kube-reserve/plugin-reserve-common';
import { verdictLabels } from '../../presentation/verdicts';

/** A verdict as a status icon and label: ready green, at risk amber, not ready red, unknown grey. */
export function VerdictStatus(props: { verdict: Verdict }) {
  const label = verdictLabels[props.verdict];
  switch (props.verdict) {
    case 'ready':
      return <StatusOK>{label}</StatusOK>;
    case 'at-risk':
      return <StatusWarning>{label}</StatusWarning>;
    case 'not-ready':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusPending>{label}</StatusPending>;
  }
}
