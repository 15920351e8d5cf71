import { Minimatch } from 'minimatch';

// Velero compiles every include and exclude item with github.com/gobwas/glob (no separators):
// `*`, `?`, `[abc]`, `[!abc]`, `[a-z]` and `{a,b}`. minimatch speaks the same dialect once its
// extras are off: no leading-`!` negation, no `#` comments, no extglobs, and dots are plain
// characters. Namespace and resource names hold no `/`, so path separators never come into it.
const globOptions = {
  dot: true,
  nonegate: true,
  nocomment: true,
  noext: true,
  optimizationLevel: 0,
} as const;

// Compiled globs by pattern: the same few patterns are matched for every entity and object.
const compiled = new Map<string, Minimatch>();
const mostCompiled = 1000;

/** Whether a Velero include/exclude item matches a name, as gobwas/glob decides. */
export function veleroGlobMatches(pattern: string, name: string): boolean {
  let glob = compiled.get(pattern);
  if (!glob) {
    if (compiled.size >= mostCompiled) compiled.clear();
    glob = new Minimatch(pattern, globOptions);
    compiled.set(pattern, glob);
  }
  return glob.match(name);
}

function anyMatches(patterns: readonly string[], name: string): boolean {
  return patterns.some(pattern => veleroGlobMatches(pattern, name));
}

/**
 * Velero's IncludesExcludes.ShouldInclude: an excluded name is out; otherwise an empty
 * include list or `*` takes everything, and a list takes what one of its globs matches.
 */
export function includedBy(
  name: string,
  includes: readonly string[] | null | undefined,
  excludes: readonly string[] | null | undefined,
): boolean {
  // Velero's validation rejects `*` among excludes; should one get through, it excludes all.
  if (anyMatches(excludes ?? [], name)) return false;
  const list = includes ?? [];
  return list.length === 0 || list.includes('*') || anyMatches(list, name);
}

/**
 * The scoped filters (`includedNamespaceScopedResources`...): as above, except that `*` in the
 * excludes is valid and means "no resource of this scope".
 */
export function includedByScopedFilter(
  name: string,
  includes: readonly string[] | null | undefined,
  excludes: readonly string[] | null | undefined,
): boolean {
  if ((excludes ?? []).includes('*')) return false;
  return includedBy(name, includes, excludes);
}
