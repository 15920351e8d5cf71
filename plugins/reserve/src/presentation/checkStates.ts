import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { CheckState, Severity } from '@kube-reserve/plugin-reserve-common';
import { Theme } from '@material-ui/core/styles';
import { ComponentType, PropsWithChildren } from 'react';
import { StatusInfo } from '../components/StatusInfo';

/** How one check state shows on screen. */
export interface CheckStatePresentation {
  /** The state in words. */
  label: string;
  /** The status icon with its label, a Backstage status component or one shaped like them. */
  Status: ComponentType<PropsWithChildren<{}>>;
  /**
   * The colour an area takes in this state (a heat-map cell, the RPO bar): the theme colour
   * the status icon is filled with, but none for not-applicable.
   */
  colour: (theme: Theme) => string;
}

/**
 * How each check state shows on screen: its words, its status icon and its colour. Every
 * component that shows a check state reads it here.
 *
 * Unknown is grey, never green nor amber: missing data may hide a failure but is no
 * finding. Backstage's StatusPending is filled with `status.aborted` grey, not with the
 * theme's yellow `status.pending`. Waived is blue: a finding someone accepted, apart from
 * both. Not applicable has the grey dash and leaves an area uncoloured.
 */
export const checkStatePresentation: Readonly<
  Record<CheckState, CheckStatePresentation>
> = {
  pass: {
    label: 'Pass',
    Status: StatusOK,
    colour: theme => theme.palette.status.ok,
  },
  warn: {
    label: 'Warning',
    Status: StatusWarning,
    colour: theme => theme.palette.status.warning,
  },
  fail: {
    label: 'Fail',
    Status: StatusError,
    colour: theme => theme.palette.status.error,
  },
  unknown: {
    label: 'Unknown',
    Status: StatusPending,
    colour: theme => theme.palette.status.aborted,
  },
  waived: {
    label: 'Waived',
    Status: StatusInfo,
    colour: theme => theme.palette.status.running,
  },
  'not-applicable': {
    label: 'Not applicable',
    Status: StatusAborted,
    colour: theme => theme.palette.background.default,
  },
};

/** Severities, heaviest first. */
export const severitiesWorstFirst: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** Orders two severities heaviest first. */
export function compareSeverities(a: Severity, b: Severity): number {
  return severitiesWorstFirst.indexOf(a) - severitiesWorstFirst.indexOf(b);
}
