// A parsed Go template with its function map, ready to execute against any number of values: what Go's
// template.New(name).Funcs(…).Parse(text) gives, with Docker's functions available when asked for.

import { type ExecOptions, type ExecResult, type FuncMap, type FuncSpec, executeTree, toSpec } from './exec.js';
import { BUILTINS, DOCKER_FUNCS } from './funcs.js';
import { type ParsedTemplate, parseTemplate } from './parse.js';

export interface TemplateOptions extends ExecOptions {
  /** The template's name, as errors show it (`template: NAME:1:2: …`). Docker's is "". */
  name?: string;
  /** Functions beside Go's builtins; they win over builtins of the same name, as in Go. */
  funcs?: FuncMap;
  /** Add docker/cli's functions (json, split, join, title, lower, upper, pad, truncate). Default true. */
  docker?: boolean;
}

type FuncTable = Map<string, { spec: FuncSpec; builtin: boolean }>;

function funcTable(docker: boolean, funcs: FuncMap | undefined): FuncTable {
  const t: FuncTable = new Map();
  for (const [k, spec] of Object.entries(BUILTINS)) t.set(k, { spec, builtin: true });
  if (docker) for (const [k, spec] of Object.entries(DOCKER_FUNCS)) t.set(k, { spec, builtin: false });
  for (const [k, f] of Object.entries(funcs ?? {})) t.set(k, { spec: toSpec(f), builtin: false });
  return t;
}

export class Template {
  private constructor(
    private readonly parsed: ParsedTemplate,
    private funcs: FuncTable,
    private readonly opts: ExecOptions,
  ) {}

  /** Parses `text`; throws a TemplateError (phase "parse") with Go's message. */
  static parse(text: string, opts: TemplateOptions = {}): Template {
    const funcs = funcTable(opts.docker ?? true, opts.funcs);
    const parsed = parseTemplate(text, { name: opts.name, hasFunction: (n) => funcs.has(n) });
    return new Template(parsed, funcs, { missingKey: opts.missingKey });
  }

  /** A copy whose functions are replaced or extended by `funcs` (Go's tmpl.Funcs after Parse). */
  withFuncs(funcs: FuncMap): Template {
    const t = new Map(this.funcs);
    for (const [k, f] of Object.entries(funcs)) t.set(k, { spec: toSpec(f), builtin: false });
    return new Template(this.parsed, t, this.opts);
  }

  /** Runs the template; throws a TemplateError (phase "exec") with Go's message. */
  execute(data: unknown): string {
    const r = this.executePartial(data);
    if (r.error) throw r.error;
    return r.output;
  }

  /** Runs the template and returns what was written before any error, as Go leaves it in the writer. */
  executePartial(data: unknown): ExecResult {
    return executeTree(this.parsed, this.funcs, data, this.opts);
  }
}

/** Parses and executes in one step. */
export function executeTemplate(text: string, data: unknown, opts?: TemplateOptions): string {
  return Template.parse(text, opts).execute(data);
}
