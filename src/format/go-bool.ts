// Go's strconv.ParseBool, which Docker uses for `--flag=value`, `--security-opt no-new-privileges=…` and filters.

/** true or false for Go's spellings (`1`, `t`, `TRUE`, `true`, `True`, and their opposites); null for anything else. */
export function goBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}
