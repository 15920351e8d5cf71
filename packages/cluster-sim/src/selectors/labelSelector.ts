/** A label selector the request named but the simulator could not parse. */
export class SelectorError extends Error {}

/** Labels of one object. */
export type Labels = Record<string, string> | undefined;

/** One requirement of a label selector, in the operator vocabulary of the Kubernetes API. */
export interface LabelRequirement {
  /** The label key. */
  key: string;
  /** How the key's value is compared. */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  /** The values compared against (empty for Exists and DoesNotExist). */
  values: string[];
}

/** A parsed label selector: every requirement must hold. */
export type LabelMatcher = (labels: Labels) => boolean;

/** The structured selector of Kubernetes objects (`matchLabels` and `matchExpressions`). */
export interface LabelSelectorObject {
  /** Labels that must be present with exactly these values. */
  matchLabels?: Record<string, string>;
  /** Further requirements. */
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Splits at top-level commas, leaving the commas inside `in (a,b)` alone. */
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p !== '');
}

function checkKey(key: string, text: string) {
  if (!KEY.test(key)) {
    throw new SelectorError(
      `unable to parse requirement: invalid label key "${key}" in "${text}"`,
    );
  }
}

function checkValue(value: string, text: string) {
  if (!VALUE.test(value)) {
    throw new SelectorError(
      `unable to parse requirement: invalid label value "${value}" in "${text}"`,
    );
  }
}

function parseRequirement(text: string): LabelRequirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(text);
  if (setMatch) {
    const [, key, op, list] = setMatch;
    checkKey(key, text);
    const values = list.split(',').map(v => v.trim());
    values.forEach(v => checkValue(v, text));
    return { key, operator: op === 'in' ? 'In' : 'NotIn', values };
  }
  const opMatch = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(text);
  if (opMatch) {
    const [, key, op, value] = opMatch;
    checkKey(key, text);
    if (op === '>' || op === '<') {
      if (!/^-?\d+$/.test(value)) {
        throw new SelectorError(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer in "${text}"`,
        );
      }
      return { key, operator: op === '>' ? 'Gt' : 'Lt', values: [value] };
    }
    checkValue(value, text);
    return { key, operator: op === '!=' ? 'NotIn' : 'In', values: [value] };
  }
  if (text.startsWith('!')) {
    const key = text.slice(1).trim();
    checkKey(key, text);
    return { key, operator: 'DoesNotExist', values: [] };
  }
  checkKey(text, text);
  return { key: text, operator: 'Exists', values: [] };
}

/** Parses a labelSelector query string (`app=web,tier in (a,b),!legacy`) into requirements. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitRequirements(selector).map(parseRequirement);
}

/** Whether labels satisfy one requirement, with the API server's semantics for absent keys. */
export function requirementMatches(
  req: LabelRequirement,
  labels: Labels,
): boolean {
  const has =
    labels !== undefined &&
    Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels![req.key] : undefined;
  switch (req.operator) {
    case 'In':
      return has && req.values.includes(value!);
    case 'NotIn':
      return !has || !req.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value!)) return false;
      const n = Number(value);
      const bound = Number(req.values[0]);
      return req.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** Builds a matcher from a labelSelector query string; an empty selector matches everything. */
export function labelMatcher(selector: string | undefined): LabelMatcher {
  const reqs = selector ? parseLabelSelector(selector) : [];
  return labels => reqs.every(r => requirementMatches(r, labels));
}

/** Builds a matcher from a structured selector; an empty or absent selector matches everything. */
export function labelSelectorObjectMatcher(
  selector: LabelSelectorObject | undefined,
): LabelMatcher {
  const reqs: LabelRequirement[] = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => ({
      key,
      operator: 'In' as const,
      values: [value],
    })),
    ...(selector?.matchExpressions ?? []).map(e => {
      if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) {
        throw new SelectorError(
          `"${e.operator}" is not a valid label selector operator`,
        );
      }
      return {
        key: e.key,
        operator: e.operator as LabelRequirement['operator'],
        values: e.values ?? [],
      };
    }),
  ];
  return labels => reqs.every(r => requirementMatches(r, labels));
}
