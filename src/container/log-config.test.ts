import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLogConfig, cliLogConfig, jsonFileOptions, logConfigView } from './log-config.js';
import { goJSON } from '../format/go-json.js';

test('cliLogConfig: json-file by default, key=value options, none takes no options', () => {
  assert.deepEqual(cliLogConfig(undefined, []), { Type: 'json-file', Config: {} });
  assert.deepEqual(cliLogConfig('json-file', ['max-size=1k', 'tag']), { Type: 'json-file', Config: { 'max-size': '1k', tag: '' } });
  // a Go map's keys come out sorted (inspect), whatever order the flags gave
  assert.equal(
    goJSON(logConfigView(cliLogConfig(undefined, ['max-size=1k', 'max-file=3', 'compress=true']))),
    '{"Type":"json-file","Config":{"compress":"true","max-file":"3","max-size":"1k"}}',
  );
  assert.deepEqual(cliLogConfig('none', []), { Type: 'none', Config: {} });
  assert.throws(() => cliLogConfig('none', ['max-size=1k']), /^BerthError: invalid logging opts for driver none$/);
});

test('checkLogConfig: the two drivers berth has; Docker\'s words for others and for unknown options', () => {
  checkLogConfig({ Type: 'json-file', Config: {} });
  checkLogConfig({ Type: 'none', Config: {} });
  assert.throws(() => checkLogConfig({ Type: 'bogus', Config: {} }), /^BerthError: error looking up logging plugin bogus: plugin "bogus" not found$/);
  assert.throws(() => checkLogConfig({ Type: 'journald', Config: {} }), /failed to initialize logging driver: berth has the json-file and none drivers, not journald$/);
  assert.throws(() => checkLogConfig({ Type: 'json-file', Config: { bogus: '1' } }), /unknown log opt 'bogus' for json-file log driver$/);
  checkLogConfig({ Type: 'json-file', Config: { 'max-size': '1k', 'max-file': '3', compress: 'true' } });
  assert.throws(() => checkLogConfig({ Type: 'json-file', Config: { tag: '{{.Name}}' } }), /log opt 'tag' is not supported by berth's json-file log yet/);
  assert.throws(() => checkLogConfig({ Type: 'json-file', Config: { labels: 'a' } }), /log opt 'labels' is not supported by berth's json-file log yet/);
});

test('jsonFileOptions reads max-size (decimal units), max-file and compress as Docker\'s json-file driver does', () => {
  assert.deepEqual(jsonFileOptions({}), { maxSize: -1, maxFiles: 1, compress: false });
  assert.deepEqual(jsonFileOptions({ 'max-size': '1k' }), { maxSize: 1000, maxFiles: 1, compress: false });
  assert.deepEqual(jsonFileOptions({ 'max-size': '10m', 'max-file': '+3', compress: 'T' }), { maxSize: 10_000_000, maxFiles: 3, compress: true });
  assert.deepEqual(jsonFileOptions({ 'max-file': '5' }), { maxSize: -1, maxFiles: 5, compress: false });
  assert.deepEqual(jsonFileOptions({ compress: 'false' }), { maxSize: -1, maxFiles: 1, compress: false });
});

test('jsonFileOptions: a bad value in the words of Docker 20.10\'s daemon (checked side by side)', () => {
  const cases: [Record<string, string>, string][] = [
    [{ 'max-size': 'abc' }, "invalid size: 'abc'"],
    [{ 'max-size': '0' }, 'max-size must be a positive number'],
    [{ 'max-file': '0' }, 'max-file cannot be less than 1'],
    [{ 'max-file': '-2' }, 'max-file cannot be less than 1'],
    [{ 'max-file': 'x' }, 'strconv.Atoi: parsing "x": invalid syntax'],
    [{ 'max-file': '' }, 'strconv.Atoi: parsing "": invalid syntax'],
    [{ 'max-file': '99999999999999999999' }, 'strconv.Atoi: parsing "99999999999999999999": value out of range'],
    [{ compress: 'maybe' }, 'strconv.ParseBool: parsing "maybe": invalid syntax'],
    [{ compress: 'true', 'max-size': '1k' }, 'compress cannot be true when max-file is less than 2 or max-size is not set'],
    [{ compress: 'true', 'max-file': '3' }, 'compress cannot be true when max-file is less than 2 or max-size is not set'],
    // max-size is read first, as in the driver
    [{ 'max-size': 'abc', 'max-file': 'x' }, "invalid size: 'abc'"],
  ];
  for (const [config, why] of cases) {
    assert.throws(() => jsonFileOptions(config), (e: Error) => e.message === `failed to initialize logging driver: ${why}`, JSON.stringify(config));
  }
});
