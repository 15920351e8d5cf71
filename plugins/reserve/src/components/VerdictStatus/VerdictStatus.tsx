import { Verdict } from '@kube-reserve/plugin-reserve-common';
import { verdictLabels, verdictStatus } from '../../presentation/verdicts';

/** A verdict as a status icon and label: ready green, at risk amber, not ready red, unknown grey. */
export function VerdictStatus(props: { verdict: Verdict }) {
  const Status = verdictStatus(props.verdict);
  return <Status>{verdictLabels[props.verdict]}</Status>;
}
