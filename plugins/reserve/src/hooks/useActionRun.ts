import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ActionExecution,
  ReserveActionId,
} from '@kube-reserve/plugin-reserve-common';
import { useCallback, useEffect, useState } from 'react';
import { reserveApiRef } from '../api';

/** The state of one run of a plan, as followed by {@link useActionRun}. */
export interface ActionRunState {
  execution?: ActionExecution;
  /** True while a start or resume request is on its way. */
  submitting: boolean;
  /** The backend's refusal of the last start, resume or poll. */
  error?: Error;
}

/**
 * Starts or resumes an execution of a plan and polls it every `pollIntervalMs` until it is no
 * longer running; `onFinished` is called once per run that ends.
 */
export function useActionRun(options: {
  entity: CompoundEntityRef;
  action: ReserveActionId;
  pollIntervalMs: number;
  onFinished: () => void;
}) {
  const { entity, action, pollIntervalMs, onFinished } = options;
  const reserveApi = useApi(reserveApiRef);
  const [state, setState] = useState<ActionRunState>({ submitting: false });

  const submit = useCallback(
    async (request: () => Promise<ActionExecution>) => {
      setState(previous => ({
        ...previous,
        submitting: true,
        error: undefined,
      }));
      try {
        const execution = await request();
        setState({ execution, submitting: false });
        if (execution.state !== 'running') {
          onFinished();
        }
      } catch (error) {
        setState(previous => ({
          ...previous,
          submitting: false,
          error: error as Error,
        }));
      }
    },
    [onFinished],
  );

  const start = (planId: string, confirmation: string) =>
    submit(() =>
      reserveApi.executeAction(entity, action, { planId, confirmation }),
    );
  const resume = (confirmation: string) =>
    state.execution &&
    submit(() =>
      reserveApi.resumeExecution(state.execution!.id, { confirmation }),
    );
  const reset = () => setState({ submitting: false });

  const id = state.execution?.id;
  const running = state.execution?.state === 'running';
  useEffect(() => {
    if (!id || !running) {
      return undefined;
    }
    const timer = setTimeout(async () => {
      try {
        const execution = await reserveApi.getExecution(id);
        setState({ execution, submitting: false });
        if (execution.state !== 'running') {
          onFinished();
        }
      } catch (error) {
        setState(previous => ({ ...previous, error: error as Error }));
      }
    }, pollIntervalMs);
    return () => clearTimeout(timer);
    // A new execution object (even with the same state) schedules the next poll.
  }, [reserveApi, id, running, state.execution, pollIntervalMs, onFinished]);

  return { state, start, resume, reset };
}
