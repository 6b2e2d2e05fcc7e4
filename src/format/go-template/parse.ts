// The parser of Go's text/template: tokens → a set of named trees ({{define}}/{{block}} add trees beside the
// main one). Errors carry Go's wording and line: `template: :1: unexpected "}" in operand`.

import { goQuote } from '../go-fmt.js';
import type {
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  ElseNode,
  EndNode,
  ListNode,
  Node,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import { type Item, type ItemType, itemString, lex } from './lex.js';
import { parseNumber, unquote } from './literals.js';
import { TemplateError } from './error.js';

export interface ParsedTemplate {
  name: string;
  text: string;
  trees: Map<string, ListNode>;
}

export interface ParseOptions {
  name?: string;
  hasFunction: (name: string) => boolean;
}

/** parse.IsEmptyTree: only whitespace text (and comments). */
export function isEmptyTree(n: Node): boolean {
  switch (n.kind) {
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return n.text.trim() === '';
    default:
      return false;
  }
}

const OPERAND_START = new Set<ItemType>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

class Parser {
  private i = 0;
  private maxRead = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  readonly trees = new Map<string, ListNode>();

  constructor(
    private readonly items: Item[],
    private readonly name: string,
    private readonly hasFunction: (name: string) => boolean,
  ) {}

  private at(i: number): Item {
    const j = Math.min(i, this.items.length - 1);
    this.maxRead = Math.max(this.maxRead, j);
    return this.items[j];
  }
  private next(): Item {
    const it = this.at(this.i);
    if (this.i < this.items.length - 1) this.i++;
    else this.i = this.items.length;
    return it;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    return this.at(this.i);
  }
  private nextNonSpace(): Item {
    let it: Item;
    do it = this.next();
    while (it.type === 'space');
    return it;
  }
  private peekNonSpace(): Item {
    const it = this.nextNonSpace();
    this.backup();
    return it;
  }

  errorf(msg: string): never {
    throw new TemplateError('parse', `template: ${this.name}:${this.at(this.maxRead).line}: ${msg}`);
  }

  private expect(type: ItemType, context: string): Item {
    const it = this.nextNonSpace();
    if (it.type !== type) this.unexpected(it, context);
    return it;
  }

  private unexpected(it: Item, context: string): never {
    if (it.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== it.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (it.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(it.val + extra);
    }
    this.errorf(`unexpected ${itemString(it)} in ${context}`);
  }

  private add(name: string, root: ListNode): void {
    const old = this.trees.get(name);
    if (old === undefined || isEmptyTree(old)) this.trees.set(name, root);
    else if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  parse(): void {
    const root: ListNode = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.add(this.name, root);
  }

  private inNewScope<T>(fn: () => T): T {
    const [vars, depth] = [this.vars, this.rangeDepth];
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      return fn();
    } finally {
      this.vars = vars;
      this.rangeDepth = depth;
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const tok = this.nextNonSpace();
    if (tok.type !== 'string' && tok.type !== 'rawString') this.unexpected(tok, context);
    const name = this.unquote(tok.val);
    this.expect('rightDelim', context);
    this.inNewScope(() => {
      const [root, end] = this.itemList();
      if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      this.add(name, root);
    });
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const tok = this.nextNonSpace();
    if (tok.type === 'text') return { kind: 'text', pos: tok.pos, text: tok.val };
    if (tok.type === 'leftDelim') {
      this.actionLine = tok.line;
      try {
        return this.action();
      } finally {
        this.actionLine = 0;
      }
    }
    this.unexpected(tok, 'input');
  }

  private action(): Node {
    const tok = this.nextNonSpace();
    switch (tok.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(tok);
      case 'else':
        return this.elseControl();
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
        return this.parseControl('if');
      case 'range':
        return this.parseControl('range');
      case 'template':
        return this.templateControl();
      case 'with':
        return this.parseControl('with');
    }
    this.backup();
    const t = this.peek();
    return { kind: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(tok: Item): Node {
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${tok.val}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${tok.val}}} outside {{range}}`);
    return { kind: tok.type === 'break' ? 'break' : 'continue', pos: tok.pos };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.type === 'if') return { kind: 'else', pos: peek.pos };
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  private parseControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.kind === 'else') {
        if (context === 'if' && this.peek().type === 'if') {
          this.next();
          elseList = { kind: 'list', pos: next.pos, nodes: [this.parseControl('if')] };
        } else {
          [elseList, next] = this.itemList();
          if (next.kind !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private templateName(tok: Item, context: string): string {
    if (tok.type !== 'string' && tok.type !== 'rawString') this.unexpected(tok, context);
    return this.unquote(tok.val);
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    const pipe = this.pipeline(context, 'rightDelim');
    this.inNewScope(() => {
      const [root, end] = this.itemList();
      if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
      this.add(name, root);
    });
    return { kind: 'template', pos: tok.pos, line: tok.line, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const tok = this.nextNonSpace();
    const name = this.templateName(tok, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: tok.pos, line: tok.line, name, pipe };
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.i;
      this.next();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        break;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().type;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = save;
      break;
    }
    for (;;) {
      const tok = this.nextNonSpace();
      if (tok.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(tok.type)) this.unexpected(tok, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].kind))
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const tok = this.next();
      if (tok.type === 'space') continue;
      if (tok.type === 'rightDelim' || tok.type === 'rightParen') this.backup();
      else if (tok.type !== 'pipe') this.unexpected(tok, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const chain: ChainNode = { kind: 'chain', pos: this.peek().pos, node, field: [] };
    while (this.peek().type === 'field') chain.field.push(this.next().val.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: chain.pos, ident: [...node.ident, ...chain.field] };
      case 'variable':
        return { kind: 'variable', pos: chain.pos, ident: [...node.ident, ...chain.field] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
    }
    return chain;
  }

  private term(): ArgNode | null {
    const tok = this.nextNonSpace();
    switch (tok.type) {
      case 'identifier':
        if (!this.hasFunction(tok.val)) this.errorf(`function ${goQuote(tok.val)} not defined`);
        return { kind: 'identifier', pos: tok.pos, ident: tok.val };
      case 'dot':
        return { kind: 'dot', pos: tok.pos };
      case 'nil':
        return { kind: 'nil', pos: tok.pos };
      case 'variable':
        return this.useVar(tok.pos, tok.val);
      case 'field':
        return { kind: 'field', pos: tok.pos, ident: tok.val.slice(1).split('.') };
      case 'bool':
        return { kind: 'bool', pos: tok.pos, value: tok.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(tok);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { kind: 'string', pos: tok.pos, quoted: tok.val, text: this.unquote(tok.val) };
    }
    this.backup();
    return null;
  }

  private number(tok: Item): ArgNode {
    try {
      return parseNumber(tok.pos, tok.val, tok.type === 'charConstant');
    } catch (e) {
      this.errorf((e as Error).message);
    }
  }

  private unquote(s: string): string {
    try {
      return unquote(s);
    } catch (e) {
      this.errorf((e as Error).message);
    }
  }

  private variable(pos: number, name: string): VariableNode {
    return { kind: 'variable', pos, ident: name.split('.') };
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.variable(pos, name);
    if (!this.vars.includes(v.ident[0])) this.errorf(`undefined variable ${goQuote(v.ident[0])}`);
    return v;
  }
}

/** Parses `text` into its named trees; the main tree is under `opts.name` (default ""). */
export function parseTemplate(text: string, opts: ParseOptions): ParsedTemplate {
  const name = opts.name ?? '';
  const items = lex(text, { breakOK: !opts.hasFunction('break'), continueOK: !opts.hasFunction('continue') });
  const p = new Parser(items, name, opts.hasFunction);
  p.parse();
  return { name, text, trees: p.trees };
}
