// The parse tree of a Go template (text/template/parse's node types) and each node's String(), which Go's error
// messages quote: `executing "" at <.Config.Foo>`, `unexpected {{end}}`.

import { goQuote } from '../go-fmt.js';

export interface Pos {
  pos: number;
}

export type Node =
  | ListNode
  | TextNode
  | ActionNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | PipeNode
  | CommandNode
  | ArgNode
  | EndNode
  | ElseNode;

export type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export interface ListNode extends Pos {
  kind: 'list';
  nodes: Node[];
}
export interface TextNode extends Pos {
  kind: 'text';
  text: string;
}
export interface ActionNode extends Pos {
  kind: 'action';
  line: number;
  pipe: PipeNode;
}
export interface BranchNode extends Pos {
  kind: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
export interface TemplateNode extends Pos {
  kind: 'template';
  line: number;
  name: string;
  pipe?: PipeNode;
}
export interface BreakNode extends Pos {
  kind: 'break';
}
export interface ContinueNode extends Pos {
  kind: 'continue';
}
export interface EndNode extends Pos {
  kind: 'end';
}
export interface ElseNode extends Pos {
  kind: 'else';
}
export interface PipeNode extends Pos {
  kind: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Pos {
  kind: 'command';
  args: ArgNode[];
}
export interface FieldNode extends Pos {
  kind: 'field';
  ident: string[];
}
export interface VariableNode extends Pos {
  kind: 'variable';
  ident: string[];
}
export interface ChainNode extends Pos {
  kind: 'chain';
  node: ArgNode;
  field: string[];
}
export interface IdentifierNode extends Pos {
  kind: 'identifier';
  ident: string;
}
export interface DotNode extends Pos {
  kind: 'dot';
}
export interface NilNode extends Pos {
  kind: 'nil';
}
export interface BoolNode extends Pos {
  kind: 'bool';
  value: boolean;
}
export interface NumberNode extends Pos {
  kind: 'number';
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int: number;
  float: number;
}
export interface StringNode extends Pos {
  kind: 'string';
  quoted: string;
  text: string;
}

export function nodeString(n: Node): string {
  switch (n.kind) {
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'text':
      return n.text;
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with':
      return (
        `{{${n.kind} ${nodeString(n.pipe)}}}${nodeString(n.list)}` +
        (n.elseList ? `{{else}}${nodeString(n.elseList)}` : '') +
        '{{end}}'
      );
    case 'template':
      return `{{template ${goQuote(n.name)}${n.pipe ? ' ' + nodeString(n.pipe) : ''}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
    case 'pipe':
      return (
        (n.decl.length ? n.decl.map(nodeString).join(', ') + ' := ' : '') +
        n.cmds.map(nodeString).join(' | ')
      );
    case 'command':
      return n.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field':
      return n.ident.map((id) => '.' + id).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return (
        (n.node.kind === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) + n.field.map((f) => '.' + f).join('')
      );
    case 'identifier':
      return n.ident;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
  }
}
