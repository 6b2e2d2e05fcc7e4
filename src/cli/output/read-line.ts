// Reads one line a user types after a prompt (docker/cli readInput), optionally without echoing it (passwords:
// the terminal's echo is off while reading, and a newline is printed after, as Docker's DisableEcho does).

import { createInterface } from 'node:readline';

export async function readLine(prompt: string, opts: { silent?: boolean } = {}): Promise<string> {
  const input = process.stdin;
  process.stdout.write(prompt);
  if (opts.silent && input.isTTY) {
    input.setRawMode(true);
    try {
      return await new Promise<string>((resolve) => {
        let text = '';
        const onData = (b: Buffer) => {
          for (const ch of b.toString('utf8')) {
            if (ch === '\r' || ch === '\n' || ch === '\u0004') {
              input.off('data', onData);
              input.pause();
              return resolve(text);
            }
            if (ch === '\u0003') process.kill(process.pid, 'SIGINT');
            else if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
            else text += ch;
          }
        };
        input.on('data', onData);
        input.resume();
      });
    } finally {
      input.setRawMode(false);
      process.stdout.write('\n');
    }
  }
  const rl = createInterface({ input, terminal: false });
  try {
    return await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
  } finally {
    rl.close();
  }
}
