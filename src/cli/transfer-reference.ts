// The reference `pull` and `push` move, read as docker/cli reads it: with `-a` it must name no tag; without, a bare
// name gets `:latest`, said as `Using default tag: latest` unless `-q`. A bad one is reported with Docker's words.

import type { Context } from './context.js';
import { BerthError } from '../errors.js';
import { parseNormalizedNamed, tagNameOnly } from '../reference/normalize.js';
import type { Reference } from '../reference/reference.js';
import { reportDaemonError } from './output/daemon-errors.js';

/** The reference, or the exit code after the error was reported; `check` refuses what one command can't move. */
export function transferReference(
  ctx: Context,
  name: string,
  opts: { allTags?: boolean; quiet?: boolean },
  check?: (ref: Reference) => void,
): Reference | number {
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(name);
    check?.(ref);
    if (opts.allTags && !ref.isNameOnly()) throw new BerthError('INVALID_ARGUMENT', "tag can't be used with --all-tags/-a");
  } catch (e) {
    return reportDaemonError(e, '', ctx.opts.debug);
  }
  if (!opts.allTags && ref.isNameOnly()) {
    ref = tagNameOnly(ref);
    if (!opts.quiet) ctx.line(`Using default tag: ${ref.tag}`);
  }
  return ref;
}
