import { KubeObject } from '../store/ObjectStore';
import { MalformedAnswer } from './FaultState';

/** The annotation that carries the padding of a `huge` answer. */
export const PADDING_ANNOTATION = 'cluster-sim.kube-reserve.io/padding';

/** About 10 MB: far past what etcd stores for one object (1.5 MiB by default). */
const PADDING_BYTES = 10 * 1024 * 1024;

type ListBody = { items: KubeObject[] } & Record<string, unknown>;

function isList(body: KubeObject | ListBody): body is ListBody {
  return Array.isArray((body as ListBody).items);
}

function withoutMetadata(obj: KubeObject | undefined): Record<string, unknown> {
  const { metadata: _metadata, ...rest } = obj ?? { spec: {} };
  return rest;
}

function padded(obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      annotations: {
        ...obj.metadata.annotations,
        [PADDING_ANNOTATION]: 'x'.repeat(PADDING_BYTES),
      },
    },
  };
}

/**
 * The body of a get or list answer, broken the way the fault says: cut off halfway
 * (`invalid-json`), with an item that has no metadata (`no-metadata`: added to a list, or the
 * object itself), or with its first item padded to about 10 MB (`huge`; an empty list stays as
 * it is).
 */
export function malformedBody(
  answer: MalformedAnswer,
  body: KubeObject | ListBody,
): string {
  switch (answer) {
    case 'invalid-json': {
      const text = JSON.stringify(body);
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    }
    case 'no-metadata':
      return JSON.stringify(
        isList(body)
          ? { ...body, items: [...body.items, withoutMetadata(body.items[0])] }
          : withoutMetadata(body),
      );
    case 'huge':
    default:
      return JSON.stringify(
        isList(body)
          ? {
              ...body,
              items: body.items.map((item, i) =>
                i === 0 ? padded(item) : item,
              ),
            }
          : padded(body),
      );
  }
}
