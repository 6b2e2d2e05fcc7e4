// berth image inspect IMAGE...: like inspect, limited to images (`No such image:` for a miss).
import type { Context } from '../context.js';
import { inspectObjects } from './inspect.js';

export function run(ctx: Context, [names]: unknown[], opts: { format?: string }): Promise<number> {
  return inspectObjects(ctx, names as string[], { ...opts, type: 'image' }, 'image');
}
