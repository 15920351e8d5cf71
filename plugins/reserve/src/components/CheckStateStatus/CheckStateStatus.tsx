import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { CheckState } from '@kube-reserve/plugin-reserve-common';
import { ReactNode } from 'react';
import { checkStateLabels } from '../../presentation/checkStates';

/** A check state as a status icon and label; unknown is grey, never green. */
export function CheckStateStatus(props: {
  state: CheckState;
  label?: ReactNode;
}) {
  const { state } = props;
  const label = props.label ?? checkStateLabels[state];
  switch (state) {
    case 'pass':
      return <StatusOK>{label}</StatusOK>;
    case 'warn':
      return <StatusWarning>{label}</StatusWarning>;
    case 'fail':
      return <StatusError>{label}</StatusError>;
    case 'unknown':
      return <StatusPending>{label}</StatusPending>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
