// What `images`, `history`, `inspect`, `--format` and `load` print for a loaded image, as Docker 20.10 prints it
// for the same archive. The expected strings were taken from /usr/bin/docker by hand (an image built like
// /tmp/berth-bench/app.tar) and encode its rules: tabwriter padding 3 with minimum width 10, sizes with 3
// significant digits (VirtualSize and totals 4), ages from go-units, `<missing>` history IDs, 45-rune CREATED BY,
// RFC 3339 with -H=false, json.Marshal escaping in `{{json .}}` of table rows. No Docker needed to run it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestStore, hasCommand, runCommand, BERTH } from '../lib/berth.js';
import { dockerArchive, imageConfig, sha256, tar, type ImageSpec } from '../fixtures/archives.js';

const DAY = 86_400_000;
let dir: string;
let store: TestStore;
let archive: string;
let spec: ImageSpec;
let id: string;
let createdAt: string;
const ENV = { TZ: 'UTC' };

/** A Go RFC 3339 timestamp with nanoseconds, `ms` before now. */
function goTime(msAgo: number): string {
  return new Date(Date.now() - msAgo).toISOString().replace(/\.\d{3}Z$/, '.123456789Z');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-output-'));
  const old = goTime((3 * 365 + 30) * DAY); // "3 years ago"
  const weeks = goTime(36 * DAY); // "5 weeks ago"
  createdAt = weeks;
  // Layer sizes chosen to show the rounding rules: 1,983,488 bytes → 1.98MB; 48,893 → 48.9kB; total 2,032,381 →
  // 2.03MB (3 digits) and 2.032MB (4 digits).
  const l1 = tar([{ name: 'bin/', type: 'directory' }, { name: 'bin/big', body: Buffer.alloc(1_983_488, 1) }]);
  const l2 = tar([{ name: 'opt/', type: 'directory' }, { name: 'opt/data', body: Buffer.alloc(48_893, 2) }]);
  spec = {
    layers: [{ tar: l1 }, { tar: l2 }],
    repoTags: ['out/app:1'],
    created: weeks,
    config: {
      config: { Env: ['PATH=/usr/bin:/bin', 'APP=/opt/app'], Cmd: ['/bin/sh'], Volumes: { '/data': {} }, WorkingDir: '/opt/app' },
      history: [
        { created: old, created_by: '/bin/sh -c #(nop) ADD file:4b0d3b1e2a in / ' },
        { created: old, created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
        {
          created: weeks,
          created_by: '/bin/sh -c mkdir -p /opt/app/data && for i in $(seq 1 5000); do echo "file $i" > /opt/app/data/f$i.txt; done',
        },
        { created: weeks, created_by: '/bin/sh -c #(nop)  VOLUME [/data]', empty_layer: true, comment: 'a comment' },
      ],
    },
  };
  id = sha256(imageConfig(spec));
  archive = join(dir, 'app.tar');
  writeFileSync(archive, dockerArchive([spec]));
  store = new TestStore();
  await store.ok(['load', '-i', archive]);
});
after(() => {
  store.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const short = () => id.slice(7, 19);
const run = (args: string[]) => store.ok(args, { env: ENV });

test('images: the table, -q, --no-trunc, --digests', async () => {
  assert.equal(
    await run(['images']),
    'REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n' + `out/app      1         ${short()}   5 weeks ago   2.03MB\n`,
  );
  assert.equal(await run(['images', '-q']), `${short()}\n`);
  assert.equal(
    await run(['images', '--no-trunc']),
    'REPOSITORY   TAG       IMAGE ID                                                                  CREATED       SIZE\n' +
      `out/app      1         ${id}   5 weeks ago   2.03MB\n`,
  );
  assert.equal(
    await run(['images', '--digests']),
    'REPOSITORY   TAG       DIGEST    IMAGE ID       CREATED       SIZE\n' + `out/app      1         <none>    ${short()}   5 weeks ago   2.03MB\n`,
  );
});

test('images --format: a field, json of the row (Go escaping), a table', async () => {
  assert.equal(await run(['images', '--format', '{{.ID}}']), `${short()}\n`);
  const created = new Date(createdAt);
  const p = (n: number) => String(n).padStart(2, '0');
  const at = `${created.getUTCFullYear()}-${p(created.getUTCMonth() + 1)}-${p(created.getUTCDate())} ${p(created.getUTCHours())}:${p(created.getUTCMinutes())}:${p(created.getUTCSeconds())} +0000 UTC`;
  assert.equal(
    await run(['images', '--format', '{{json .}}']),
    `{"Containers":"N/A","CreatedAt":"${at}","CreatedSince":"5 weeks ago","Digest":"\\u003cnone\\u003e","ID":"${short()}",` +
      `"Repository":"out/app","SharedSize":"N/A","Size":"2.03MB","Tag":"1","UniqueSize":"N/A","VirtualSize":"2.032MB"}\n`,
  );
  assert.equal(await run(['images', '--format', 'table {{.Repository}}\t{{.Size}}\t{{.VirtualSize}}']), 'REPOSITORY   SIZE      VIRTUAL SIZE\nout/app      2.03MB    2.032MB\n');
});

test('history: the table, -q, --no-trunc, -H=false', async () => {
  assert.equal(
    await run(['history', 'out/app:1']),
    [
      'IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT',
      `${short()}   5 weeks ago   /bin/sh -c #(nop)  VOLUME [/data]               0B        a comment`,
      '<missing>      5 weeks ago   /bin/sh -c mkdir -p /opt/app/data && for i i…   48.9kB    ',
      '<missing>      3 years ago   /bin/sh -c #(nop)  CMD ["/bin/sh"]              0B        ',
      '<missing>      3 years ago   /bin/sh -c #(nop) ADD file:4b0d3b1e2a in /      1.98MB    ',
      '',
    ].join('\n'),
  );
  assert.equal(await run(['history', '-q', 'out/app:1']), `${short()}\n<missing>\n<missing>\n<missing>\n`);
  const noTrunc = await run(['history', '--no-trunc', 'out/app:1']);
  assert.ok(noTrunc.startsWith('IMAGE                                                                     CREATED       CREATED BY '));
  assert.ok(noTrunc.includes(`\n${id}   5 weeks ago   /bin/sh -c #(nop)  VOLUME [/data]   `));
  assert.ok(noTrunc.includes('for i in $(seq 1 5000); do echo "file $i" > /opt/app/data/f$i.txt; done   48.9kB    \n'));
  const raw = (await run(['history', '-H=false', 'out/app:1'])).split('\n');
  assert.match(raw[0], /^IMAGE {10}CREATED AT {13}CREATED BY {38}SIZE {6}COMMENT$/);
  assert.equal(raw[2], `<missing>      ${createdAt.replace(/\.\d+Z$/, 'Z')}   /bin/sh -c mkdir -p /opt/app/data && for i i…   48893     `);
  assert.match(raw[4], /^<missing> {6}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {3}\/bin\/sh -c #\(nop\) ADD file:4b0d3b1e2a in \/ {6}1983488 {3}$/);
});

test('history --format: json of a row escapes like json.Marshal (CreatedBy still truncated)', async () => {
  const lines = (await run(['history', '--format', '{{json .}}', 'out/app:1'])).split('\n');
  assert.equal(
    lines[1],
    `{"Comment":"","CreatedAt":"${createdAt.replace(/\.\d+Z$/, 'Z')}","CreatedBy":"/bin/sh -c mkdir -p /opt/app/data \\u0026\\u0026 for i i…","CreatedSince":"5 weeks ago","ID":"\\u003cmissing\\u003e","Size":"48.9kB"}`,
  );
  assert.equal(await run(['history', '--format', 'table {{.ID}}\t{{.Size}}', 'out/app:1']), `IMAGE          SIZE\n${short()}   0B\n<missing>      48.9kB\n<missing>      0B\n<missing>      1.98MB\n`);
});

test('inspect: JSON shape and values; --format on fields', async () => {
  const [v] = JSON.parse(await run(['image', 'inspect', 'out/app:1']));
  assert.deepEqual(Object.keys(v), [
    'Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created', 'Container', 'ContainerConfig', 'DockerVersion',
    'Author', 'Config', 'Architecture', 'Os', 'Size', 'VirtualSize', 'GraphDriver', 'RootFS', 'Metadata',
  ]);
  assert.equal(v.Id, id);
  assert.deepEqual(v.RepoTags, ['out/app:1']);
  assert.deepEqual(v.RepoDigests, []);
  assert.equal(v.Created, createdAt, 'Created is the config string as written (nanoseconds kept)');
  assert.equal(v.Size, 2_032_381);
  assert.equal(v.VirtualSize, 2_032_381);
  assert.equal(v.GraphDriver.Name, 'overlay2');
  assert.deepEqual(Object.keys(v.GraphDriver.Data), ['LowerDir', 'MergedDir', 'UpperDir', 'WorkDir']);
  assert.deepEqual(v.RootFS, { Type: 'layers', Layers: spec.layers.map((l) => sha256(l.tar)) });
  assert.deepEqual(v.Config.Volumes, { '/data': {} });
  assert.deepEqual(Object.keys(v.Config).slice(0, 8), ['Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'OpenStdin']);
  // Docker's load tags without recording a tag time (import and tag do).
  assert.equal(v.Metadata.LastTagTime, '0001-01-01T00:00:00Z');
  // `inspect` (any object type) gives the same for an image.
  assert.deepEqual(JSON.parse(await run(['inspect', 'out/app:1'])), [v]);
  // The typed struct's `ID` and the JSON key `Id` both work; map[string]struct{} values print `{}`.
  assert.equal(await run(['image', 'inspect', '--format', '{{.ID}} {{.Id}}', 'out/app:1']), `${id} ${id}\n`);
  assert.equal(await run(['image', 'inspect', '--format', '{{.Config.Cmd}} {{.Config.Volumes}} {{.Config.WorkingDir}}', 'out/app:1']), '[/bin/sh] map[/data:{}] /opt/app\n');
  assert.equal(await run(['image', 'inspect', '--format', '{{json .Config.Env}} {{json .RootFS.Type}}', 'out/app:1']), '["PATH=/usr/bin:/bin","APP=/opt/app"] "layers"\n');
  assert.equal(await run(['inspect', '-f', '{{.Size}}', 'out/app:1', short()]), '2032381\n2032381\n');
});

test('load prints `Loaded image:`, `Loaded image ID:` for untagged images, and the rename of a moved tag', async (t) => {
  const s = new TestStore();
  t.after(() => s.cleanup());
  const untagged = join(dir, 'untagged.tar');
  writeFileSync(untagged, dockerArchive([{ ...spec, repoTags: undefined }]));
  assert.equal(await s.ok(['load', '-i', untagged]), `Loaded image ID: ${id}\n`);
  assert.equal(await s.ok(['load', '-i', archive]), 'Loaded image: out/app:1\n');
  // Loading it again changes nothing and says the same.
  assert.equal(await s.ok(['load', '-q', '-i', archive]), 'Loaded image: out/app:1\n');
  const other = { ...spec, created: goTime(DAY) };
  const otherID = sha256(imageConfig(other));
  const moved = join(dir, 'moved.tar');
  writeFileSync(moved, dockerArchive([other]));
  assert.equal(
    await s.ok(['load', '-i', moved]),
    `The image out/app:1 already exists, renaming the old one with ID ${id} to empty string\nLoaded image: out/app:1\n`,
  );
  assert.equal(await s.ok(['images', '-q', '--no-trunc', 'out/app']), `${otherID}\n`);
  // From stdin too.
  const r = await runCommand(BERTH, ['--root', s.root, 'load'], { input: await import('node:fs').then((f) => f.readFileSync(archive)) });
  assert.equal(r.stdout, `The image out/app:1 already exists, renaming the old one with ID ${otherID} to empty string\nLoaded image: out/app:1\n`);
});

test('load shows `<diffID>: Loading layer  SIZE/SIZE` on a terminal only', async (t) => {
  if (!hasCommand('script')) {
    console.log('# skip: util-linux script is not installed');
    t.skip('util-linux script is not installed');
    return;
  }
  const s = new TestStore();
  t.after(() => s.cleanup());
  const r = await runCommand('script', ['-qec', `${BERTH} --root ${s.root} load -i ${archive}`, '/dev/null']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const screen = r.stdout.replace(/\r/g, '\n');
  // Terminal width under script is 0, narrower than 110 columns: no bar, two spaces (jsonmessage's layout).
  const [d1, d2] = spec.layers.map((l) => sha256(l.tar).slice(7, 19));
  assert.match(screen, new RegExp(`${d1}: Loading layer  \\d+(\\.\\d+)?MB/1\\.986MB`));
  assert.match(screen, new RegExp(`${d2}: Loading layer  51\\.2kB/51\\.2kB`));
  assert.match(screen, /Loaded image: out\/app:1\n/);
  // Piped: no progress at all.
  const piped = await s.ok(['load', '-i', archive]);
  assert.equal(piped, 'Loaded image: out/app:1\n');
});
