// COPY and ADD: sources from the context, another stage or an image (COPY --from), URLs and local archives (ADD),
// written as one new layer on top of the parent without a container. The cache key is the classic builder's
// `COPY [--chown=…]<hash> in <dest> ` comment, so a changed file (content or metadata) misses.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { posix } from 'node:path';
import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseJSONForm, splitFlags } from '../parse-words.js';
import { withCmdCommentString } from '../state.js';
import { commitStep } from '../commit-step.js';
import type { Owner } from '../layer-plan.js';
import { contextFS, imageFS, resolveSources, sourcesHash, type CopyInfo, type SourceFS } from '../copy-sources.js';
import { daemonHeader, fileHash } from '../file-hash.js';
import { parseChown } from '../chown.js';
import { download, isURL } from '../remote.js';
import { chainOf } from '../builder.js';
import { decompressStream, sniff } from '../../archive/compression.js';
import { readTar } from '../../archive/tar/read.js';

async function sourceFS(step: Step, from: string | undefined): Promise<SourceFS> {
  const b = step.builder;
  if (from === undefined) {
    if (!b.opts.context) throw new BerthError('FAILED_PRECONDITION', 'COPY failed: no build context');
    return contextFS(b.opts.context);
  }
  const name = b.expand(step.state, from);
  const { ImageFS } = await import('../image-fs.js');
  const stage = b.stageNamed(name, true, step.state.stageIndex);
  if (stage) return imageFS(name, ImageFS.forChain(b.store, stage.chain));
  const img = await b.image(name).catch((e: unknown) => {
    if (!(e instanceof BerthError)) throw e;
    throw new BerthError(e.code, `invalid from flag value ${name}: ${e.message}`);
  });
  return imageFS(name, ImageFS.forChain(b.store, chainOf(img.config)));
}

/** Whether a local file is a tar archive (plain or compressed), as ADD decides. */
async function isArchive(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    if (bytesRead < 6) return false;
    if (sniff(head) !== 'none') return true;
    return bytesRead === 512 && head.toString('latin1', 257, 262) === 'ustar';
  } finally {
    await fh.close();
  }
}

export async function copy(step: Step): Promise<void> {
  const { builder: b, state, ins } = step;
  const cmd = ins.keyword;
  const { flags, rest } = splitFlags(ins.args);
  const str = (k: string) => (typeof flags.get(k) === 'string' ? (flags.get(k) as string) : undefined);
  const words = (parseJSONForm(rest) ?? rest.split(/\s+/).filter(Boolean)).map((w) => b.expand(state, w));
  const dest = words[words.length - 1];
  const chownSpec = str('chown') ? b.expand(state, str('chown')!) : '';
  const chmodSpec = str('chmod') ? b.expand(state, str('chmod')!) : '';
  const chmod = chmodSpec ? parseInt(chmodSpec, 8) : null;
  if (chmodSpec && (!/^[0-7]{1,4}$/.test(chmodSpec) || Number.isNaN(chmod))) throw new BerthError('INVALID_ARGUMENT', `invalid chmod parameter ${chmodSpec}`);

  const fs = await sourceFS(step, str('from'));
  const infos: CopyInfo[] = [];
  for (const w of words.slice(0, -1)) {
    if (cmd === 'ADD' && isURL(w)) {
      const e = await download(w, await b.staging());
      // Docker's daemon prints a blank line after each download, and hashes the file as its root-owned temp file
      // (owner names looked up, no `file:` prefix).
      b.out.line('');
      const hash = await fileHash(e.path, e.name, e.stat, daemonHeader(0, 0));
      infos.push({ src: e, fs: { ...fs, label: 'url' }, hash });
    } else infos.push(...(await resolveSources(fs, [w], cmd)));
  }
  if (infos.length > 1 && !dest.endsWith('/')) {
    throw new BerthError('INVALID_ARGUMENT', `When using ${cmd} with more than one source file, the destination must be a directory and end with a /`);
  }
  const comment = `${cmd} ${chmodSpec ? `--chmod=${chmodSpec}` : ''}${chownSpec ? `--chown=${chownSpec}` : ''}${sourcesHash(infos)} in ${dest} `;
  const probe = withCmdCommentString(state.runConfig, comment);
  if (await b.fromCache(state, probe)) return;

  // Reading the image's layers and writing a new one is loaded only on a cache miss.
  const [{ ImageFS }, { LayerPlan }] = await Promise.all([import('../image-fs.js'), import('../layer-plan.js')]);
  const parent = ImageFS.forChain(b.store, state.chain);
  const owner: Owner = chownSpec ? await parseChown(chownSpec, parent) : { uid: 0, gid: 0 };
  const plan = new LayerPlan(parent, owner);
  const wd = (state.runConfig.WorkingDir as string) || '/';
  let target = dest.startsWith('/') ? dest : posix.join('/', wd, dest) + (dest.endsWith('/') && dest !== '/' ? '/' : '');
  if (dest === '.' || dest === './') target = posix.join('/', wd) + '/';
  const destIsDir = target.endsWith('/');
  const destPath = await plan.resolveDir(target);
  for (const info of infos) {
    const st = info.src.stat;
    if (st.isDirectory()) {
      await plan.ensureDir(destPath);
      const children = await info.fs.walk(info.src.rel);
      for (const c of children) {
        const sub = info.src.rel === '' ? c.rel : c.rel.slice(info.src.rel.length + 1);
        await plan.addFromDisk(posix.join(destPath, sub), c.path, c.stat, owner, chmod);
      }
      continue;
    }
    if (cmd === 'ADD' && info.fs.label !== 'url' && st.isFile() && (await isArchive(info.src.path))) {
      await plan.ensureDir(destPath);
      const path = info.src.path;
      plan.addArchive(destPath, async () => readTar((await decompressStream(createReadStream(path))).stream), chownSpec ? owner : null);
      continue;
    }
    const intoDir = destIsDir || (await plan.isDir(destPath));
    const name = info.fs.label === 'url' ? (info.src as { name?: string }).name ?? posix.basename(info.src.rel) : info.name ?? posix.basename(info.src.rel);
    const file = intoDir ? posix.join(destPath, name) : destPath;
    await plan.ensureDir(posix.dirname(file));
    await plan.addFromDisk(file, info.src.path, st, owner, chmod);
  }
  const staging = await b.staging();
  const layer = await plan.write(b.store, staging);
  await commitStep(b.store, staging, b.cache, state, { config: state.runConfig, containerConfig: probe, layer });
}
