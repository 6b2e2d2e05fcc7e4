// The error a template fails with: Go's message (`template: :1:2: executing "" at <.Foo>: …`), and whether it
// came from parsing or executing, since Docker treats the two differently (exit 64 vs 1 for inspect).

import { BerthError } from '../../errors.js';

export class TemplateError extends BerthError {
  constructor(
    readonly phase: 'parse' | 'exec',
    message: string,
  ) {
    super('INVALID_ARGUMENT', message);
    this.name = 'TemplateError';
  }
}
