// What Docker's parser refuses before any step runs (moby's line parsers, then instructions.Parse), in its words:
// ENV and LABEL pairs (`failed to parse Dockerfile: …`, the line parser, so first for the whole file), then missing
// arguments, unknown flags, HEALTHCHECK options and ONBUILD triggers (`dockerfile parse error line N: …`).

import { BerthError } from '../errors.js';
import type { Instruction } from './dockerfile.js';
import { parseJSONForm, parseNameVal, splitFlags } from './parse-words.js';
import { parseHealthcheck } from './instructions/healthcheck.js';

/** The flags each instruction that takes flags knows (the classic builder's RUN takes none). */
const FLAGS: Record<string, readonly string[]> = {
  FROM: ['platform'],
  COPY: ['from', 'chown', 'chmod'],
  ADD: ['chown', 'chmod'],
  RUN: [],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'retries'],
};
const AT_LEAST_ONE = new Set(['ARG', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'ONBUILD', 'VOLUME']);
const EXACTLY_ONE = new Set(['MAINTAINER', 'STOPSIGNAL', 'USER', 'WORKDIR']);

/** The line parser's check of ENV and LABEL pairs. */
function checkPairs(ins: Instruction, escape: string): void {
  if ((ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') || !ins.args.trim()) return;
  try {
    parseNameVal(ins.args, ins.keyword, escape);
  } catch (e) {
    if (!(e instanceof BerthError)) throw e;
    throw new BerthError('INVALID_ARGUMENT', `failed to parse Dockerfile: ${e.message}`);
  }
}

/** The instruction parser's checks of one instruction; the message without its line. */
function instructionProblem(ins: Instruction): string | null {
  const kw = ins.keyword;
  let rest = ins.args;
  const known = FLAGS[kw];
  if (known) {
    const split = splitFlags(ins.args);
    for (const f of split.flags.keys()) if (!known.includes(f)) return `Unknown flag: ${f}`;
    rest = split.rest;
  }
  const json = parseJSONForm(rest);
  const none = json ? json.length === 0 : rest.trim() === '';
  if (none && AT_LEAST_ONE.has(kw)) return `${kw} requires at least one argument`;
  if (none && EXACTLY_ONE.has(kw)) return `${kw} requires exactly one argument`;
  switch (kw) {
    case 'COPY':
    case 'ADD':
      if ((json ?? rest.split(/\s+/).filter(Boolean)).length < 2) {
        return `${kw} requires at least two arguments, but only one was provided. Destination could not be determined`;
      }
      return null;
    case 'SHELL':
      if (!json) return 'SHELL requires the arguments to be in JSON form';
      return json.length === 0 ? 'SHELL requires at least one argument' : null;
    case 'ONBUILD': {
      const trigger = rest.trim().split(/\s+/)[0].toUpperCase();
      if (trigger === 'ONBUILD') return "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed";
      if (trigger === 'MAINTAINER' || trigger === 'FROM') return `${trigger} isn't allowed as an ONBUILD trigger`;
      return null;
    }
    case 'HEALTHCHECK':
      try {
        parseHealthcheck(ins.args);
      } catch (e) {
        if (!(e instanceof BerthError)) throw e;
        return e.message;
      }
      return null;
    default:
      return null;
  }
}

/** Throws Docker's parse-time error for the first instruction of `all` it would refuse. */
export function checkInstructions(all: readonly Instruction[], escape: string): void {
  for (const ins of all) checkPairs(ins, escape);
  for (const ins of all) {
    const problem = instructionProblem(ins);
    if (problem) throw new BerthError('INVALID_ARGUMENT', `dockerfile parse error line ${ins.line}: ${problem}`);
  }
}
