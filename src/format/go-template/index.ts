// Go's text/template as Docker's `--format` uses it: parse, execute, Docker's functions and table rendering.

export { Template, executeTemplate, type TemplateOptions } from './template.js';
export { renderFormat, preFormat, isTableFormat, type RenderOptions } from './docker-format.js';
export { TemplateError } from './error.js';
export type { ExecOptions, ExecResult, FuncMap, FuncSpec, MissingKey, ParamType } from './exec.js';
export { BUILTINS, DOCKER_FUNCS, HEADER_FUNCS } from './funcs.js';
export { GoNil, nilMap, nilSlice, goStruct } from '../go-value.js';
