// Executes a parsed template against JS data the way Go's text/template does (Go 1.19): field chains, variables,
// pipelines, function calls with Go's argument checks, if/with/range/template, and Go's error wording and
// positions (`template: :1:9: executing "" at <.Config.Foo>: map has no entry for key "Foo"`).

import { formatValue, goQuote } from '../go-fmt.js';
import { GoNil, kindOf, mapEntries, mapGet, mapZero, typeName } from '../go-value.js';
import type {
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import { TemplateError } from './error.js';
import type { ParsedTemplate } from './parse.js';

/** A parameter's Go type: `value` is reflect.Value (anything, nil untouched), `any` is interface{}. */
export type ParamType = 'any' | 'value' | 'string' | 'int' | 'float' | 'bool' | '[]string';

export interface FuncSpec {
  params: ParamType[];
  /** The element type of a trailing variadic parameter. */
  variadic?: ParamType;
  /** Throw an Error to fail the call (`error calling NAME: MESSAGE`). */
  fn: (...args: any[]) => unknown;
}

export type FuncMap = Record<string, FuncSpec | ((...args: any[]) => unknown)>;

export type MissingKey = 'invalid' | 'zero' | 'error';

export interface ExecOptions {
  /** Go's Option("missingkey=…"): what a missing map key yields. Default `invalid` (prints `<no value>`). */
  missingKey?: MissingKey;
}

const MISSING = Symbol('missing');
type Final = unknown;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
const MAX_DEPTH = 1000;

const PARAM_TYPE_NAMES: Record<ParamType, string> = {
  any: 'interface {}',
  value: 'reflect.Value',
  string: 'string',
  int: 'int',
  float: 'float64',
  bool: 'bool',
  '[]string': '[]string',
};

export function toSpec(f: FuncSpec | ((...args: any[]) => unknown)): FuncSpec {
  return typeof f === 'function' ? { params: [], variadic: 'any', fn: f } : f;
}

/** Go's isTrue: zero values are false, structs always true. */
export function truth(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
    case 'ptr':
      return false;
    case 'bool':
      return v as boolean;
    case 'int':
    case 'float':
      return Number(v) !== 0;
    case 'string':
      return (v as string).length > 0;
    case 'slice':
      return v instanceof GoNil ? false : (v as unknown[]).length > 0;
    case 'map':
      return mapEntries(v as object).length > 0;
    default:
      return true;
  }
}

/** A struct member reached through the prototype chain (fields, getters and methods), stopping at Object. */
function structMember(obj: object, name: string): { found: boolean; value?: unknown } {
  for (let o: object | null = obj; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, name)) return { found: true, value: Reflect.get(obj, name) };
  }
  return { found: false };
}

interface Variable {
  name: string;
  value: unknown;
}

class State {
  node: Node | null = null;
  out: string[] = [];
  vars: Variable[];

  constructor(
    private readonly tmpl: ParsedTemplate,
    private readonly funcs: Map<string, { spec: FuncSpec; builtin: boolean }>,
    private readonly opts: ExecOptions,
    private readonly current: string,
    dot: unknown,
    private readonly depth = 0,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  errorf(msg: string): never {
    const name = this.current;
    if (!this.node) throw new TemplateError('exec', `template: ${name}: ${msg}`);
    const before = this.tmpl.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1));
    throw new TemplateError(
      'exec',
      `template: ${this.tmpl.name}:${line}:${col}: executing ${goQuote(name)} at <${nodeString(this.node)}>: ${msg}`,
    );
  }

  private at(node: Node): void {
    this.node = node;
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        this.walkIfOrWith(dot, node);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (truth(val)) this.walk(node.kind === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const inner = this.vars.length;
      const decl = r.pipe.decl.length;
      const one = (index: unknown, elem: unknown) => {
        if (decl > 0) this.vars[this.vars.length - 1].value = elem;
        if (decl > 1) this.vars[this.vars.length - 2].value = index;
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = inner;
        }
      };
      const kind = kindOf(val);
      if (kind === 'slice') {
        const items = val instanceof GoNil ? [] : (val as unknown[]);
        if (items.length > 0) {
          items.forEach((x, i) => one(i, x));
          return;
        }
      } else if (kind === 'map') {
        const entries = mapEntries(val as object);
        if (entries.length > 0) {
          for (const [k, x] of entries) one(k, x);
          return;
        }
      } else if (kind !== 'invalid' && kind !== 'nil') {
        this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.vars.length = mark;
    }
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tree = this.tmpl.trees.get(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const sub = new State(this.tmpl, this.funcs, this.opts, t.name, newDot, this.depth + 1);
    sub.out = this.out;
    sub.walk(newDot, tree as ListNode);
  }

  private evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.vars.push({ name: v.ident[0], value });
    }
    return value;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): number {
    this.at(n);
    const hex = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hex && n.text[0] !== "'" && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return n.int;
    this.errorf(`${n.text} overflows int`);
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const recv = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, recv, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, v: VariableNode, args: ArgNode[] | null, final: Final): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: unknown,
    recv: unknown,
    node: Node,
    ident: string[],
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    let from: unknown = undefined;
    for (let i = 0; i < ident.length - 1; i++) {
      const next = this.evalField(dot, ident[i], node, null, MISSING, recv, from);
      from = recv;
      recv = next;
    }
    return this.evalField(dot, ident[ident.length - 1], node, args, final, recv, from);
  }

  private evalField(
    dot: unknown,
    name: string,
    node: Node,
    args: ArgNode[] | null,
    final: Final,
    recv: unknown,
    from: unknown,
  ): unknown {
    if (recv === undefined) {
      if (this.opts.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    const typ = () => {
      const fromIface = kindOf(from) === 'map' && typeName(from).endsWith('interface {}');
      return fromIface || recv === null ? 'interface {}' : typeName(recv);
    };
    if (recv === null) this.errorf(`nil pointer evaluating ${typ()}.${name}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    const kind = kindOf(recv);
    if (kind === 'struct') {
      const m = structMember(recv as object, name);
      if (m.found) {
        if (typeof m.value === 'function') return this.callMethod(dot, recv, m.value, node, name, args, final);
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return m.value;
      }
    } else if (kind === 'map') {
      const value = mapGet(recv as object, name);
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (value !== undefined) return value;
      if (this.opts.missingKey === 'zero') return mapZero(recv as object);
      if (this.opts.missingKey === 'error') this.errorf(`map has no entry for key ${goQuote(name)}`);
      return undefined;
    } else if (kind === 'ptr') {
      this.errorf(`nil pointer evaluating ${typ()}.${name}`);
    }
    this.errorf(`can't evaluate field ${name} in type ${typ()}`);
  }

  private callMethod(
    dot: unknown,
    recv: unknown,
    fn: Function,
    node: Node,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    const spec: FuncSpec = { params: [], variadic: 'any', fn: (...a: unknown[]) => fn.apply(recv, a) };
    return this.evalCall(dot, spec, false, node, name, args, final);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: ArgNode[] | null, final: Final): unknown {
    this.at(node);
    const f = this.funcs.get(node.ident);
    if (!f) this.errorf(`${goQuote(node.ident)} is not a defined function`);
    return this.evalCall(dot, f.spec, f.builtin, cmd, node.ident, args, final);
  }

  private evalCall(
    dot: unknown,
    spec: FuncSpec,
    builtin: boolean,
    node: Node,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): unknown {
    const argNodes = args ? args.slice(1) : [];
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    let numFixed = argNodes.length;
    if (spec.variadic !== undefined) {
      numFixed = spec.params.length;
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`);
    } else if (numIn !== spec.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${spec.params.length} got ${numIn}`);
    }
    if (builtin && (name === 'and' || name === 'or')) {
      let v: unknown;
      for (const a of argNodes) {
        v = this.evalArg(dot, 'value', a);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) argv.push(this.evalArg(dot, spec.params[i], argNodes[i]));
    if (spec.variadic !== undefined) {
      for (; i < argNodes.length; i++) argv.push(this.evalArg(dot, spec.variadic, argNodes[i]));
    }
    if (final !== MISSING) {
      let t = spec.params[spec.params.length - 1];
      if (spec.variadic !== undefined) t = numIn - 1 < numFixed ? spec.params[numIn - 1] : spec.variadic;
      argv.push(this.validateType(final, t));
    }
    try {
      return spec.fn(...argv);
    } catch (e) {
      if (e instanceof TemplateError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private validateType(value: unknown, type: ParamType | null): unknown {
    if (value === undefined) {
      if (type === null || type === 'value') return undefined;
      if (type === 'any') return null;
      if (type === '[]string') return new GoNil('slice', '[]string');
      this.errorf(`invalid value; expected ${PARAM_TYPE_NAMES[type]}`);
    }
    if (type === null || type === 'any' || type === 'value') return value;
    const kind = kindOf(value);
    const ok =
      type === 'string'
        ? kind === 'string'
        : type === 'int'
          ? kind === 'int'
          : type === 'float'
            ? kind === 'int' || kind === 'float'
            : type === 'bool'
              ? kind === 'bool'
              : (kind === 'slice' && typeName(value) === '[]string') || (Array.isArray(value) && value.length === 0);
    if (!ok) {
      const got = value === null ? 'interface {}' : typeName(value);
      this.errorf(`wrong type for value; expected ${PARAM_TYPE_NAMES[type]}; got ${got}`);
    }
    return typeof value === 'bigint' && type !== 'string' ? Number(value) : value;
  }

  private evalArg(dot: unknown, type: ParamType | null, n: ArgNode): unknown {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type === null || type === 'any' || type === 'value') return null;
        if (type === '[]string') return new GoNil('slice', '[]string');
        this.errorf(`cannot assign nil to ${PARAM_TYPE_NAMES[type]}`);
      // eslint-disable-next-line no-fallthrough
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), type);
    }
    const found = nodeString(n);
    switch (type) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        this.errorf(`expected bool; found ${found}`);
      // eslint-disable-next-line no-fallthrough
      case 'float':
        if (n.kind === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${found}`);
      // eslint-disable-next-line no-fallthrough
      case 'int':
        if (n.kind === 'number' && n.isInt) return n.int;
        this.errorf(`expected integer; found ${found}`);
      // eslint-disable-next-line no-fallthrough
      case 'string':
        if (n.kind === 'string') return n.text;
        this.errorf(`expected string; found ${found}`);
      // eslint-disable-next-line no-fallthrough
      case '[]string':
        this.errorf(`can't handle ${found} for arg of type []string`);
      // eslint-disable-next-line no-fallthrough
      default:
        if (n.kind === 'bool') return n.value;
        if (n.kind === 'number') return this.idealConstant(n);
        return n.text;
    }
  }

  private printValue(node: Node, v: unknown): void {
    this.at(node);
    if (v === undefined) {
      this.out.push('<no value>');
      return;
    }
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    this.out.push(formatValue(v));
  }
}

/** The output so far, and the error that stopped execution, if any (Go leaves partial output written). */
export interface ExecResult {
  output: string;
  error?: TemplateError;
}

export function executeTree(
  tmpl: ParsedTemplate,
  funcs: Map<string, { spec: FuncSpec; builtin: boolean }>,
  data: unknown,
  opts: ExecOptions = {},
): ExecResult {
  const dot = data === null ? undefined : data;
  const state = new State(tmpl, funcs, opts, tmpl.name, dot);
  const root = tmpl.trees.get(tmpl.name);
  try {
    if (!root) state.errorf(`${goQuote(tmpl.name)} is an incomplete or empty template`);
    state.walk(dot, root as ListNode);
    return { output: state.out.join('') };
  } catch (e) {
    if (e instanceof TemplateError) return { output: state.out.join(''), error: e };
    throw e;
  }
}
