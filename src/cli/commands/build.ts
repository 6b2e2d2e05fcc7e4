// berth build [OPTIONS] PATH | - : Docker's classic builder (DOCKER_BUILDKIT=0) over the local store, with its
// output; a failing step prints Docker's raw message and exits with its code.

import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { BerthError } from '../../errors.js';
import { BuildContext, unpackContextTar } from '../../build/context.js';
import { readTextOrNull } from '../../sys/read-text.js';
import { parseDockerfileKept } from '../../build/parsed-plans.js';
import { FileHashCache } from '../../build/file-hash-cache.js';
import type { ParsedDockerfile } from '../../build/dockerfile.js';
import { Builder, BuildRequestError } from '../../build/builder.js';
import { StagingOnDemand } from '../../build/staging-on-demand.js';
import { BuildOutput } from '../../build/output.js';
import { contextTarSize } from '../../build/tar-size.js';
import { sniff } from '../../archive/compression.js';
import { parsePlatform, currentPlatform } from '../../oci/platform.js';
import { parseNormalizedNamed } from '../../reference/normalize.js';
import type { Store } from '../../store/store.js';
import type { RunBackend } from '../../build/run-backend.js';
import { pullWithProgress } from '../pull-image.js';

interface BuildFlags {
  tag?: string[];
  file?: string;
  buildArg?: string[];
  target?: string;
  cache?: boolean;
  pull?: boolean;
  quiet?: boolean;
  label?: string[];
  platform?: string;
  network?: string;
  forceRm?: boolean;
  rm?: boolean;
}

/** Reads stdin's first bytes to tell a tar (plain or compressed) from a Dockerfile; returns the whole stream. */
async function peek(input: Readable): Promise<{ head: Buffer; stream: Readable }> {
  // One iterator for both parts: leaving a for-await loop early would destroy the stream.
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < 512) {
    const r = await it.next();
    if (r.done) break;
    chunks.push(r.value);
    size += r.value.length;
  }
  const head = Buffer.concat(chunks);
  const { Readable: R } = await import('node:stream');
  async function* rest() {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head, stream: R.from(rest()) };
}

const isTar = (head: Buffer) => sniff(head) !== 'none' || (head.length >= 262 && head.toString('latin1', 257, 262) === 'ustar');

export async function run(ctx: Context, args: unknown[], opts: BuildFlags): Promise<number | void> {
  try {
    return await build(ctx, args, opts);
  } catch (e) {
    // Docker's CLI prepares the context itself and prints its failures bare.
    if (!(e instanceof BerthError) || !e.message.startsWith('unable to prepare context')) throw e;
    ctx.stderr.write(`${e.message}\n`);
    return 1;
  }
}

async function build(ctx: Context, [path]: unknown[], opts: BuildFlags): Promise<number | void> {
  const contextArg = path as string;
  for (const t of opts.tag ?? []) {
    try {
      parseNormalizedNamed(t);
    } catch (e) {
      throw new BerthError('INVALID_ARGUMENT', `invalid argument ${JSON.stringify(t)} for "-t, --tag" flag: ${(e as Error).message}`);
    }
  }
  if (opts.platform) {
    const want = parsePlatform(opts.platform);
    const here = currentPlatform();
    if (want.os !== here.os || want.architecture !== here.architecture) {
      throw new BerthError('INVALID_ARGUMENT', `image with platform ${opts.platform} cannot be built here: berth builds for ${here.os}/${here.architecture}`);
    }
  }
  const store = await ctx.openStore();
  await using staging = new StagingOnDemand(() => store.staging());
  const out = new BuildOutput(ctx.stdout, !!opts.quiet);
  let context: BuildContext | null = null;
  let dockerfileText: string;
  let dockerfileRel: string | null = 'Dockerfile';
  if (contextArg === '-') {
    if (opts.file === '-') throw new BerthError('INVALID_ARGUMENT', 'invalid argument: can\'t use stdin for both build context and dockerfile');
    const { head, stream } = await peek(process.stdin);
    if (isTar(head)) {
      const dir = await (await staging.get()).subdir('context');
      await unpackContextTar(stream, dir);
      context = await BuildContext.open(dir);
      dockerfileRel = opts.file ?? 'Dockerfile';
      const text = await readFile(join(dir, dockerfileRel), 'utf8').catch(() => null);
      if (text === null) throw new BerthError('NOT_FOUND', `Cannot locate specified Dockerfile: ${dockerfileRel}`);
      dockerfileText = text;
      out.sendingContext(context.sendSize(dockerfileRel));
    } else {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      dockerfileText = Buffer.concat(chunks).toString('utf8');
      dockerfileRel = null;
      out.sendingContext(contextTarSize([{ name: 'Dockerfile', kind: 'file', size: Buffer.byteLength(dockerfileText) }]));
    }
  } else {
    context = await BuildContext.open(contextArg);
    // --no-cache hashes every source afresh as well
    if (opts.cache !== false) context.hashes = new FileHashCache(store.root, context.dir);
    if (opts.file === '-') {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      dockerfileText = Buffer.concat(chunks).toString('utf8');
      dockerfileRel = null;
    } else {
      const file = opts.file ? resolve(opts.file) : join(context.dir, 'Dockerfile');
      const text = readTextOrNull(file);
      if (text === null) {
        throw new BerthError('NOT_FOUND', `unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${file}: no such file or directory`);
      }
      dockerfileText = text;
      const rel = relative(context.dir, file);
      dockerfileRel = rel.startsWith('..') || isAbsolute(rel) ? null : rel;
    }
    out.sendingContext(context.sendSize(dockerfileRel));
  }
  let dockerfile: ParsedDockerfile;
  try {
    dockerfile = await parseDockerfileKept(store.root, dockerfileText, dockerfileRel ?? 'Dockerfile');
  } catch (e) {
    // The daemon parses the Dockerfile: its errors come back as a daemon response.
    if (!(e instanceof BerthError)) throw e;
    ctx.stderr.write(`Error response from daemon: ${e.message}\n`);
    return 1;
  }
  for (const note of dockerfile.notes) ctx.stderr.write(`note: ${note}\n`);
  const builder = new Builder(store, staging, {
    dockerfile,
    context,
    tags: opts.tag ?? [],
    buildArgs: opts.buildArg ?? [],
    labels: opts.label ?? [],
    target: opts.target,
    noCache: opts.cache === false,
    pull: !!opts.pull,
    network: opts.network,
    forceRm: !!opts.forceRm,
    keepContainers: opts.rm === false && !opts.forceRm,
    out,
    runBackend: runBackend(store),
    pullImage: (ref) => pullWithProgress(store, ref, out.stream, ctx.isTTY),
  });
  try {
    const result = await builder.build();
    if (opts.quiet) ctx.line(result.id);
  } catch (e) {
    if (!(e instanceof BerthError)) throw e;
    if (opts.quiet) ctx.stderr.write(out.heldBack());
    ctx.stderr.write(`${e instanceof BuildRequestError ? 'Error response from daemon: ' : ''}${e.message}\n`);
    return 'exitCode' in e && typeof e.exitCode === 'number' ? e.exitCode : 1;
  } finally {
    // what this build hashed, for the next one (a failed build's hashes are as good)
    context?.hashes?.save();
  }
}

/** The container side for RUN: berth's own containers, loaded when a RUN step first misses the cache. */
function runBackend(store: Store): RunBackend {
  let backend: Promise<RunBackend> | null = null;
  return {
    async create(req) {
      backend ??= import('../../build/run-container.js').then((m) => m.containerRunBackend(store));
      return (await backend).create(req);
    },
  };
}

/** FROM of an image missing here (or any FROM with --pull): Docker's pull lines in the build output, no tag line. */
