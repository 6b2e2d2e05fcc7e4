// docker/cli's PromptForConfirmation: print the message and ` [y/N] `, read one line; only y/Y confirms
// (end of input declines). Like Docker, nothing is echoed after the answer: piped input leaves the next output on
// the prompt's line (`[y/N] Deleted Images:`).
import { createInterface } from 'node:readline';

export async function confirm(message: string): Promise<boolean> {
  process.stdout.write(`${message} [y/N] `);
  if (process.stdin.destroyed) return false;
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return answer.trim().toLowerCase() === 'y';
  } finally {
    rl.close();
  }
}
