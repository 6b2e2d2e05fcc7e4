// A bad command line in docker/cli's words (cobra's checks, Docker 20.10): unknown flags and flags without their
// value exit 125 with a help hint; a wrong number of arguments exits 1 with the usage; an unknown command exits 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestStore } from '../lib/berth.js';

test('unknown flags, missing flag values, argument counts and unknown commands read as Docker\'s CLI', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const cases: [string[], number, string][] = [
    [['images', '--bogus'], 125, "unknown flag: --bogus\nSee 'berth images --help'.\n"],
    [['build', '-t'], 125, "flag needs an argument: 't' in -t\nSee 'berth build --help'.\n"],
    [['build', '--tag'], 125, "flag needs an argument: --tag\nSee 'berth build --help'.\n"],
    [['bogus'], 1, "berth: 'bogus' is not a berth command.\nSee 'berth --help'.\n"],
  ];
  for (const [argv, code, stderr] of cases) {
    const r = await store.run(argv);
    assert.equal(r.code, code, argv.join(' '));
    assert.equal(r.stderr, stderr, argv.join(' '));
  }
  const counts: [string[], string][] = [
    [['history'], '"berth history" requires exactly 1 argument.'],
    [['tag', 'a', 'b', 'c'], '"berth tag" requires exactly 2 arguments.'],
    [['rmi'], '"berth rmi" requires at least 1 argument.'],
    [['images', 'a', 'b'], '"berth images" requires at most 1 argument.'],
    [['ps', 'x'], '"berth ps" accepts no arguments.'],
  ];
  for (const [argv, first] of counts) {
    const r = await store.run(argv);
    assert.equal(r.code, 1, argv.join(' '));
    const [line, hint, blank, usage] = r.stderr.split('\n');
    assert.equal(line, first);
    assert.equal(hint, `See 'berth ${argv[0]} --help'.`);
    assert.equal(blank, '');
    assert.match(usage, new RegExp(`^Usage:  berth ${argv[0]} \\[options\\]`));
  }
});

test('save -o and export -o into a missing directory: docker/cli\'s check, no stack trace; rename adds its own line', async (t) => {
  const store = new TestStore();
  t.after(() => store.cleanup());
  const save = await store.run(['save', '-o', '/nonexistent-dir/x.tar', 'nothing']);
  assert.equal(save.code, 1);
  assert.equal(save.stderr, 'failed to save image: invalid output path: directory "/nonexistent-dir" does not exist\n');
  const exp = await store.run(['export', '-o', '/nonexistent-dir/x.tar', 'nothing']);
  assert.equal(exp.code, 1);
  assert.equal(exp.stderr, 'failed to export container: invalid output path: directory "/nonexistent-dir" does not exist\n');
  const ren = await store.run(['rename', 'nosuch', 'other']);
  assert.equal(ren.code, 1);
  assert.equal(ren.stderr, 'Error response from daemon: No such container: nosuch\nError: failed to rename container named nosuch\n');
});
