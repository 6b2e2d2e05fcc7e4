// Docker's progress lines on a terminal: `<id>: <action> [=====>     ]  1.2MB/3.4MB`, redrawn in place; the bar
// only where the terminal is at least 110 columns wide (jsonmessage's rule).

import { humanSize } from '../../format/units.js';

export class ProgressLine {
  private last = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(id: string, action: string, current: number, total: number, done: boolean): void {
    const now = Date.now();
    if (!done && now - this.last < 100) return;
    this.last = now;
    let bar = '';
    if ((this.out.columns ?? 80) >= 110 && total > 0) {
      const n = Math.min(50, Math.floor((50 * current) / total));
      bar = '[' + '='.repeat(Math.max(0, n - 1)) + (n > 0 ? (n === 50 ? '=' : '>') : '') + ' '.repeat(50 - n) + '] ';
      if (n === 50) bar = '[' + '='.repeat(49) + '>] ';
    }
    this.out.write(`\x1b[2K\r${id}: ${action} ${bar} ${humanSize(current)}/${humanSize(total)}${done ? '\n' : ''}`);
  }
}
