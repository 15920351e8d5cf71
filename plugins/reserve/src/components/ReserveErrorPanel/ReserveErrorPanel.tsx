import { ResponseErrorPanel } from '@backstage/core-components';
import { describeError } from '../../presentation/errors';

/** A ResponseErrorPanel whose title carries the backend's error message, not only the status. */
export function ReserveErrorPanel(props: { error: Error }) {
  return (
    <ResponseErrorPanel
      error={props.error}
      title={describeError(props.error)}
    />
  );
}
