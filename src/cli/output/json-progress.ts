// Docker's pull/push output (docker/pkg/jsonmessage DisplayJSONMessagesStream): on a terminal, one line per layer
// ID redrawn in place with cursor moves (`ESC[nA`, `ESC[2K`, `ESC[nB`) and a `[==>   ]  1.2MB/3.4MB` bar when the
// terminal is wider than 110 columns; elsewhere each status change is one plain line and byte counts are omitted.

import { humanSize } from '../../format/units.js';

export interface Progress {
  current: number;
  total: number;
}

/** JSONProgress.String(): the bar (only on terminals wider than 110 columns) and the byte counts. */
export function progressString(p: Progress, width: number): string {
  if (p.current <= 0 && p.total <= 0) return '';
  if (p.total <= 0) return humanSize(p.current).padStart(8);
  let percentage = Math.trunc(Math.trunc((p.current / p.total) * 100) / 2);
  if (percentage > 50) percentage = 50;
  let bar = '';
  if (width > 110) bar = `[${'='.repeat(percentage)}>${' '.repeat(Math.max(0, 50 - percentage))}] `;
  const current = humanSize(p.current).padStart(8);
  const numbers = p.current > p.total ? current : `${current}/${humanSize(p.total)}`;
  return bar + numbers;
}

export class JSONProgressWriter {
  private readonly ids = new Map<string, number>();

  constructor(
    private readonly out: NodeJS.WritableStream & { columns?: number },
    readonly isTerminal: boolean,
  ) {}

  private get width(): number {
    return this.out.columns ?? 80;
  }

  /** A status of one ID (`Pulling fs layer`, `Downloading` with progress…), tracked on its own line. */
  update(id: string, status: string, progress?: Progress): void {
    const p = progress ? progressString(progress, this.width) : '';
    if (!this.isTerminal) {
      if (p !== '') return;
      this.out.write(`${id}: ${status}\n`);
      return;
    }
    let line = this.ids.get(id);
    let s = '';
    if (line === undefined) {
      line = this.ids.size;
      this.ids.set(id, line);
      s += '\n';
    }
    const diff = this.ids.size - line;
    s += `\x1b[${diff}A\x1b[2K\r${id}: ${status} ${p}\r\x1b[${diff}B`;
    this.out.write(s);
  }

  /** A line of its own (`latest: Pulling from library/busybox`, `Digest: …`); later IDs start new lines. */
  message(text: string, id?: string): void {
    this.ids.clear();
    this.out.write(id ? `${id}: ${text}\n` : `${text}\n`);
  }
}
