import type { V1LabelSelector } from '@kubernetes/client-node';

/**
 * Whether a label selector selects an object with these labels, as the API server decides:
 * every matchLabels pair and every matchExpressions requirement must hold, so an empty
 * selector selects everything.
 */
export function selectorMatches(
  selector: V1LabelSelector,
  labels: Record<string, string>,
): boolean {
  const pairsHold = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  const expressionsHold = (selector.matchExpressions ?? []).every(
    ({ key, operator, values = [] }) => {
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (operator) {
        case 'In':
          return has && values.includes(labels[key]);
        case 'NotIn':
          return !has || !values.includes(labels[key]);
        case 'Exists':
          return has;
        case 'DoesNotExist':
          return !has;
        default:
          return false;
      }
    },
  );
  return pairsHold && expressionsHold;
}
