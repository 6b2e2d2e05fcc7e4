// Go's text/tabwriter (elastic tabstops), as Docker's tables use it: cells are tab-terminated; a column is the
// run of consecutive lines that have a cell in it, and its width is the widest cell + padding (at least minWidth),
// measured in runes; the text after a line's last tab is not part of any column and is never padded.

export interface TabWriterOptions {
  minWidth: number;
  tabWidth: number;
  padding: number;
  padChar: string;
  alignRight?: boolean;
  discardEmptyColumns?: boolean;
  tabIndent?: boolean;
  debug?: boolean;
}

/** `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`, what docker/cli's formatter uses for `table` formats. */
export const DOCKER_TABLE: TabWriterOptions = { minWidth: 10, tabWidth: 1, padding: 3, padChar: ' ' };

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

const runeWidth = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class TabWriter {
  private readonly opts: TabWriterOptions;
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private out: string[] = [];

  constructor(opts: Partial<TabWriterOptions> = {}) {
    this.opts = { ...DOCKER_TABLE, ...opts };
    if (this.opts.padChar === '\t') this.opts.alignRight = false;
  }

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) {
          this.flushLines();
          if (ch === '\f' && this.opts.debug) this.out.push('---\n');
        }
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats everything buffered and returns all output produced since the last flush. */
  flush(): string {
    if (this.cell.length > 0) this.terminateCell(false);
    this.flushLines();
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: runeWidth(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private flushLines(): void {
    const pending = this.cell;
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
    this.cell = pending;
  }

  private padding(textWidth: number, cellWidth: number, useTabs: boolean): string {
    const { padChar, tabWidth } = this.opts;
    if (padChar === '\t' || useTabs) {
      if (tabWidth === 0) return '';
      const w = Math.ceil(cellWidth / tabWidth) * tabWidth;
      return '\t'.repeat(Math.ceil((w - textWidth) / tabWidth));
    }
    return padChar.repeat(Math.max(0, cellWidth - textWidth));
  }

  private writeLines(line0: number, line1: number): void {
    const { alignRight, tabIndent, debug } = this.opts;
    for (let i = line0; i < line1; i++) {
      let useTabs = !!tabIndent;
      this.lines[i].forEach((c, j) => {
        if (j > 0 && debug) this.out.push('|');
        const inColumn = j < this.widths.length;
        if (c.text.length === 0) {
          if (inColumn) this.out.push(this.padding(c.width, this.widths[j], useTabs));
          return;
        }
        useTabs = false;
        const pad = inColumn ? this.padding(c.width, this.widths[j], false) : '';
        this.out.push(alignRight ? pad + c.text : c.text + pad);
      });
      if (i + 1 === this.lines.length) this.out.push(this.cell);
      else this.out.push('\n');
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= this.lines[row].length - 1) continue;
      this.writeLines(line0, row);
      line0 = row;
      let width = this.opts.minWidth;
      let discardable = true;
      for (; row < line1; row++) {
        const line = this.lines[row];
        if (column >= line.length - 1) break;
        const c = line[column];
        width = Math.max(width, c.width + this.opts.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.opts.discardEmptyColumns) width = 0;
      this.widths.push(width);
      this.format(line0, row);
      this.widths.pop();
      line0 = row;
    }
    this.writeLines(line0, line1);
  }
}

/** Runs `text` through a TabWriter and flushes it. */
export function tabulate(text: string, opts?: Partial<TabWriterOptions>): string {
  const w = new TabWriter(opts);
  w.write(text);
  return w.flush();
}
