// `--format` for the CLI: Docker's Go templates over rows (tables) or over one object (inspect, info).

import { renderFormat, Template, TemplateError } from '../../format/go-template/index.js';
import { BerthError } from '../../errors.js';

function asUserError(e: unknown): never {
  if (e instanceof TemplateError) throw new BerthError('INVALID_ARGUMENT', e.message);
  throw e;
}

/** Renders rows with a Docker `--format` (`table …` aligns and adds the header row); each row ends in "\n". */
export function formatRows(format: string, rows: readonly unknown[], headers: Record<string, string>): string {
  try {
    return renderFormat(format, rows, headers);
  } catch (e) {
    asUserError(e);
  }
}

/** One value through a template, as `inspect -f` and `info -f` do (no trailing newline). */
export function formatOne(format: string, value: unknown): string {
  try {
    return Template.parse(format.replace(/\\[tn]/g, (m) => (m === '\\t' ? '\t' : '\n'))).execute(value);
  } catch (e) {
    if (e instanceof TemplateError) throw new BerthError('INVALID_ARGUMENT', `template parsing error: ${e.message}`);
    throw e;
  }
}
