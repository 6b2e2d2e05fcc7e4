// Labels as Docker's filters and flags read them: `key` or `key=value`, the value being everything after the first
// `=` (Go's strings.SplitN(s, "=", 2)).

/** Whether `labels` has `spec`: its key (`key`), or its key with that value (`key=value`). */
export function matchesLabel(labels: Record<string, string> | null | undefined, spec: string): boolean {
  if (!labels) return false;
  const eq = spec.indexOf('=');
  if (eq < 0) return Object.hasOwn(labels, spec);
  const key = spec.slice(0, eq);
  return Object.hasOwn(labels, key) && labels[key] === spec.slice(eq + 1);
}

/** `--label key=value` values (a bare `key` is an empty value) as a map, later ones winning. */
export function labelMap(list: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    out[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? '' : item.slice(eq + 1);
  }
  return out;
}
