import { CheckState } from '@kube-reserve/plugin-reserve-common';
import { ReactNode } from 'react';
import { checkStatePresentation } from '../../presentation/checkStates';

/** A check state as a status icon and label; unknown is grey, never green. */
export function CheckStateStatus(props: {
  state: CheckState;
  label?: ReactNode;
}) {
  const { label, Status } = checkStatePresentation[props.state];
  return <Status>{props.label ?? label}</Status>;
}
