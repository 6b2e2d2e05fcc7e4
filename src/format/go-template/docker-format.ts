// docker/cli's formatter.Context as Docker 20.10 has it: a `--format` string is a Go template run once per row,
// each row followed by "\n"; `table …` also prints a header row (the same template over the column names, with
// HeaderFunctions) and aligns everything through the tabwriter. `\t` and `\n` typed literally become tab/newline.

import { DOCKER_TABLE, tabulate, type TabWriterOptions } from '../tabwriter.js';
import { TemplateError } from './error.js';
import type { FuncMap, MissingKey } from './exec.js';
import { HEADER_FUNCS } from './funcs.js';
import { Template } from './template.js';

export interface RenderOptions {
  funcs?: FuncMap;
  missingKey?: MissingKey;
  tabwriter?: Partial<TabWriterOptions>;
}

/** Whether Docker treats the format as a table (`table` prefix). */
export const isTableFormat = (format: string) => format.startsWith('table');

/** formatter.Context.preFormat: drop `table`, trim spaces, turn typed `\t`/`\n` into tab/newline. */
export function preFormat(format: string): string {
  const f = isTableFormat(format) ? format.slice('table'.length) : format;
  return f.replace(/^ +| +$/g, '').replace(/\\[tn]/g, (m) => (m === '\\t' ? '\t' : '\n'));
}

function wrap(e: unknown): never {
  if (e instanceof TemplateError) throw new TemplateError(e.phase, `template parsing error: ${e.message}`);
  throw e;
}

/**
 * Renders `rows` with a Docker `--format` value. Errors are TemplateErrors worded as Docker prints them
 * (`template parsing error: template: :1:2: executing "" at <.Foo>: …`); nothing is returned for a failed row set.
 * `headers` maps field names to column titles (`{ ID: 'IMAGE ID' }`) and is only used by `table` formats.
 */
export function renderFormat(
  format: string,
  rows: readonly unknown[],
  headers: Record<string, string> = {},
  opts: RenderOptions = {},
): string {
  const text = preFormat(format);
  let tmpl: Template;
  try {
    tmpl = Template.parse(text, { funcs: opts.funcs, missingKey: opts.missingKey });
  } catch (e) {
    wrap(e);
  }
  let body = '';
  for (const row of rows) {
    try {
      body += tmpl.execute(row) + '\n';
    } catch (e) {
      wrap(e);
    }
  }
  if (!isTableFormat(format)) return body;
  const header = Template.parse(text, { funcs: { ...opts.funcs, ...HEADER_FUNCS } }).executePartial(headers).output;
  return tabulate(header + '\n' + body, { ...DOCKER_TABLE, ...opts.tabwriter });
}
