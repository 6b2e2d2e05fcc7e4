// berth logout [SERVER]: removes the credentials Docker's config (or its credential helper) holds for the server,
// under every spelling Docker files them (host, http://host, https://host); Docker Hub's when no server is given.

import type { Context } from '../context.js';
import { convertToHostname, DOCKER_HUB_AUTH_KEY, eraseCredentials } from '../../transport/registry/credentials.js';
import { reportDaemonError } from '../output/daemon-errors.js';

export async function run(ctx: Context, [server]: unknown[]): Promise<number | void> {
  const address = (server as string | undefined) || DOCKER_HUB_AUTH_KEY;
  const keys = [address];
  let shown = address;
  if (server) {
    shown = convertToHostname(address);
    keys.push(shown, `http://${shown}`, `https://${shown}`);
  }
  ctx.line(`Removing login credentials for ${shown}`);
  try {
    for (const w of await eraseCredentials(keys)) ctx.stderr.write(`${w}\n`);
  } catch (e) {
    return reportDaemonError(e, '', ctx.opts.debug);
  }
}
