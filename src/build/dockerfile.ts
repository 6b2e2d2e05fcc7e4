// The Dockerfile adapter over dockerfile-ast: parser directives, the escape character, continuation lines and
// comments come from the library; this file turns its instructions into berth's build plan (meta ARGs before the
// first FROM, then stages) and rejects what the classic builder rejects at parse time, with Docker's messages.

import { DockerfileParser } from 'dockerfile-ast';
import { BerthError } from '../errors.js';
import { checkInstructions } from './check-instructions.js';

export interface Instruction {
  /** Upper-case keyword (RUN, COPY, …). */
  keyword: string;
  /** What `Step N/M :` prints: the keyword as written, then the arguments with continuations joined. */
  original: string;
  /** The arguments: continuation lines joined, comment lines dropped, not expanded. */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
}

export interface Stage {
  index: number;
  /** `FROM … AS name`, lower-cased (Docker compares stage names case-insensitively). */
  name: string | null;
  from: Instruction;
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  escape: string;
  metaArgs: Instruction[];
  stages: Stage[];
  /** Notes for the user (directives berth ignores). */
  notes: string[];
}

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

const parseError = (line: number, msg: string) => new BerthError('INVALID_ARGUMENT', `dockerfile parse error line ${line}: ${msg}`);

/** Parses instructions (no stage checks): also used for ONBUILD triggers. */
export function parseInstructions(text: string): { escape: string; instructions: Instruction[]; notes: string[] } {
  const df = DockerfileParser.parse(text);
  const notes: string[] = [];
  for (const d of df.getDirectives()) {
    if (d.getName()?.toLowerCase() === 'syntax') notes.push(`the "# syntax=${d.getValue()}" directive is ignored: berth builds with the classic builder`);
  }
  const instructions: Instruction[] = [];
  for (const i of df.getInstructions()) {
    const keyword = i.getKeyword().toUpperCase();
    const line = i.getRange().start.line + 1;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) throw parseError(line, `unknown instruction: ${keyword}`);
    // Instructions that take flags (FROM, RUN, COPY, ADD, HEALTHCHECK) leave them out of the arguments content.
    const withFlags = i as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
    const flags = (withFlags.getFlags?.() ?? []).map((f) => (f.getValue() === null ? `--${f.getName()}` : `--${f.getName()}=${f.getValue()}`));
    const args = [...flags, (i.getArgumentsContent() ?? '').trim()].filter(Boolean).join(' ');
    instructions.push({ keyword, original: args ? `${i.getInstruction()} ${args}` : i.getInstruction(), args, line });
  }
  checkInstructions(instructions, df.getEscapeCharacter());
  return { escape: df.getEscapeCharacter(), instructions, notes };
}

export function parseDockerfile(text: string, filename = 'Dockerfile'): ParsedDockerfile {
  const { escape, instructions, notes } = parseInstructions(text);
  // Docker's daemon refuses an empty file before parsing it, and its parser a file of comments and blank lines.
  if (text.length === 0) throw new BerthError('INVALID_ARGUMENT', `the Dockerfile (${filename}) cannot be empty`);
  if (instructions.length === 0) throw new BerthError('INVALID_ARGUMENT', 'failed to parse Dockerfile: file with no instructions');
  const metaArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.replace(/^(--\S+\s+)*/, '').split(/\s+/).filter(Boolean);
      let name: string | null = null;
      if (words.length === 3 && words[1].toLowerCase() === 'as') {
        name = words[2].toLowerCase();
        if (!/^[a-z][a-z0-9-_.]*$/.test(name)) {
          throw new BerthError('INVALID_ARGUMENT', `invalid name for build stage: ${JSON.stringify(name)}, name can't start with a number or contain symbols`);
        }
      } else if (words.length !== 1) {
        throw new BerthError('INVALID_ARGUMENT', 'FROM requires either one or three arguments');
      }
      stages.push({ index: stages.length, name, from: ins, instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword !== 'ARG') throw new BerthError('INVALID_ARGUMENT', 'no build stage in current context');
      metaArgs.push(ins);
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { escape, metaArgs, stages, notes };
}
