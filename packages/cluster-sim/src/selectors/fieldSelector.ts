import { SelectorError } from './labelSelector';

/** One fieldSelector term: a field path compared for equality or inequality. */
export interface FieldRequirement {
  /** The field path, e.g. `metadata.name`. */
  field: string;
  /** Whether the value must equal (true) or differ (false). */
  equals: boolean;
  /** The compared value. */
  value: string;
}

/** Reads a selectable field from an object; fields every kind supports are built in. */
export type FieldReader = (field: string, obj: any) => string | undefined;

/** Parses a fieldSelector query string (`metadata.name=x,metadata.namespace!=y`). */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  return selector
    .split(',')
    .map(t => t.trim())
    .filter(t => t !== '')
    .map(term => {
      const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (!m) {
        throw new SelectorError(
          `invalid selector: '${selector}'; can't understand '${term}'`,
        );
      }
      return { field: m[1], equals: m[2] !== '!=', value: m[3] };
    });
}

/**
 * Builds a matcher for a fieldSelector. `extraFields` are the kind's selectable fields beyond
 * metadata.name and metadata.namespace; any other field is rejected like the API server does.
 */
export function fieldMatcher(
  selector: string | undefined,
  extraFields: Record<string, (obj: any) => string | undefined>,
): (obj: any) => boolean {
  const reqs = selector ? parseFieldSelector(selector) : [];
  const readers: Record<string, (obj: any) => string | undefined> = {
    'metadata.name': o => o.metadata?.name,
    'metadata.namespace': o => o.metadata?.namespace ?? '',
    ...extraFields,
  };
  for (const r of reqs) {
    if (!readers[r.field]) {
      throw new SelectorError(`field label not supported: ${r.field}`);
    }
  }
  return obj =>
    reqs.every(r => (readers[r.field](obj) === r.value) === r.equals);
}
