// berth wait CONTAINER...: blocks until each container stops, then prints its exit code.

import type { Context } from '../context.js';
import { resolveContainer } from '../../container/resolve.js';
import { reportError } from '../output/errors.js';

export async function run(ctx: Context, [names]: unknown[]): Promise<number> {
  const store = await ctx.openStore();
  let code = 0;
  for (const name of names as string[]) {
    try {
      const c = await resolveContainer(store, name);
      let st = store.containers.readState(c.id);
      for (let delay = 10; st.status === 'running'; delay = Math.min(delay * 2, 200)) {
        await new Promise((r) => setTimeout(r, delay));
        st = store.containers.readState(c.id);
      }
      ctx.line(String(st.exitCode));
    } catch (e) {
      code = reportError(e);
    }
  }
  return code;
}
