import { InputError } from '@backstage/errors';

/** A parsed Kubernetes label selector: every requirement must hold. */
export type LabelSelector = Array<(labels: Record<string, string>) => boolean>;

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const VALUE = String.raw`[-A-Za-z0-9_.]*`;
const SET_REQUIREMENT = new RegExp(
  String.raw`^(${KEY})\s+(in|notin)\s+\(([^)]*)\)$`,
);
const EQUALITY_REQUIREMENT = new RegExp(
  String.raw`^(${KEY})\s*(==|=|!=)\s*(${VALUE})$`,
);
const EXISTS_REQUIREMENT = new RegExp(String.raw`^(!?)(${KEY})$`);

/**
 * Parses the string form of a label selector (`app=web,tier in (a,b),!legacy`), as used by
 * the `backstage.io/kubernetes-label-selector` annotation. Throws an InputError naming the
 * requirement it cannot read.
 */
export function parseLabelSelector(text: string): LabelSelector {
  return splitRequirements(text).map(requirement => {
    let match = SET_REQUIREMENT.exec(requirement);
    if (match) {
      const [, key, operator, list] = match;
      const values = new Set(list.split(',').map(v => v.trim()));
      return operator === 'in'
        ? labels => key in labels && values.has(labels[key])
        : labels => !(key in labels) || !values.has(labels[key]);
    }
    match = EQUALITY_REQUIREMENT.exec(requirement);
    if (match) {
      const [, key, operator, value] = match;
      return operator === '!='
        ? labels => labels[key] !== value
        : labels => labels[key] === value;
    }
    match = EXISTS_REQUIREMENT.exec(requirement);
    if (match) {
      const [, not, key] = match;
      return not ? labels => !(key in labels) : labels => key in labels;
    }
    throw new InputError(
      `cannot read label selector requirement '${requirement}'`,
    );
  });
}

/** True when the labels satisfy every requirement of the selector. */
export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const actual = labels ?? {};
  return selector.every(requirement => requirement(actual));
}

// Commas separate requirements, except inside the parentheses of a set requirement.
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current.trim());
  if (parts.some(part => part === '')) {
    throw new InputError(`label selector '${text}' has an empty requirement`);
  }
  return parts;
}
