import { InputError } from '@backstage/errors';

/** One requirement of a label selector, as in metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`; any other operator selects nothing. */
  operator: string;
  values?: string[];
}

/**
 * A label selector in the shape of metav1.LabelSelector (V1LabelSelector, Velero's selectors
 * and the annotation's string form all read into it): every matchLabels pair and every
 * matchExpressions requirement must hold.
 */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

// LabelSelectorAsSelector refuses these, and whoever asked then selects nothing.
function requirementIsValid({
  operator,
  values = [],
}: LabelSelectorRequirement) {
  switch (operator) {
    case 'In':
    case 'NotIn':
      return values.length > 0;
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0;
    default:
      return false;
  }
}

function requirementHolds(
  { key, operator, values = [] }: LabelSelectorRequirement,
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    default:
      return !has;
  }
}

/**
 * Whether a label selector selects an object with these labels, as Kubernetes decides it:
 * a null selector selects nothing, an empty one (`{}`) everything (as policy/v1 PDBs and
 * namespaceSelectors read it), and a selector with an unknown operator or a malformed
 * requirement nothing.
 */
export function selectorMatches(
  selector: LabelSelector | null | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const actual = labels ?? {};
  const expressions = selector.matchExpressions ?? [];
  if (!expressions.every(requirementIsValid)) return false;
  return (
    Object.entries(selector.matchLabels ?? {}).every(
      ([key, value]) =>
        Object.prototype.hasOwnProperty.call(actual, key) &&
        actual[key] === value,
    ) && expressions.every(requirement => requirementHolds(requirement, actual))
  );
}

/** True for `{}`: a selector without requirements, which selects everything. */
export function selectsEverything(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`;
const VALUE = String.raw`[-A-Za-z0-9_.]*`;
const SET_REQUIREMENT = new RegExp(
  String.raw`^(${KEY})\s+(in|notin)\s+\(([^)]*)\)$`,
);
const EQUALITY_REQUIREMENT = new RegExp(
  String.raw`^(${KEY})\s*(==|=|!=)\s*(${VALUE})$`,
);
const EXISTS_REQUIREMENT = new RegExp(String.raw`^(!?)(${KEY})$`);

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

function parseRequirement(requirement: string): LabelSelectorRequirement {
  let match = SET_REQUIREMENT.exec(requirement);
  if (match) {
    const [, key, operator, list] = match;
    return {
      key,
      operator: operator === 'in' ? 'In' : 'NotIn',
      values: list.split(',').map(v => v.trim()),
    };
  }
  match = EQUALITY_REQUIREMENT.exec(requirement);
  if (match) {
    // `a=b` is `a in (b)` and `a!=b` is `a notin (b)`, as the string form defines them.
    const [, key, operator, value] = match;
    return {
      key,
      operator: operator === '!=' ? 'NotIn' : 'In',
      values: [value],
    };
  }
  match = EXISTS_REQUIREMENT.exec(requirement);
  if (match) {
    const [, not, key] = match;
    return { key, operator: not ? 'DoesNotExist' : 'Exists' };
  }
  throw new InputError(
    `cannot read label selector requirement '${requirement}'`,
  );
}

/**
 * Parses the string form of a label selector (`app=web,tier in (a,b),!legacy`), as used by
 * the `backstage.io/kubernetes-label-selector` annotation, into the selector `selectorMatches`
 * evaluates. Throws an InputError naming the requirement it cannot read.
 */
export function parseLabelSelector(text: string): LabelSelector {
  return { matchExpressions: splitRequirements(text).map(parseRequirement) };
}

function formatRequirement({
  key,
  operator,
  values = [],
}: LabelSelectorRequirement): string {
  switch (operator) {
    case 'In':
      return values.length === 1
        ? `${key}=${values[0]}`
        : `${key} in (${values.join(',')})`;
    case 'NotIn':
      return values.length === 1
        ? `${key}!=${values[0]}`
        : `${key} notin (${values.join(',')})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    default:
      return `${key} ${operator} (${values.join(',')})`;
  }
}

/** The selector in its string form, for messages: `app=zk,tier in (a,b)`; `{}` reads `everything`. */
export function formatLabelSelector(selector: LabelSelector): string {
  if (selectsEverything(selector)) return 'everything';
  return [
    ...Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector.matchExpressions ?? []).map(formatRequirement),
  ].join(',');
}
