import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLogConfig, cliLogConfig } from './log-config.js';

test('cliLogConfig: json-file by default, key=value options, none takes no options', () => {
  assert.deepEqual(cliLogConfig(undefined, []), { Type: 'json-file', Config: {} });
  assert.deepEqual(cliLogConfig('json-file', ['max-size=1k', 'tag']), { Type: 'json-file', Config: { 'max-size': '1k', tag: '' } });
  assert.deepEqual(cliLogConfig('none', []), { Type: 'none', Config: {} });
  assert.throws(() => cliLogConfig('none', ['max-size=1k']), /^BerthError: invalid logging opts for driver none$/);
});

test('checkLogConfig: the two drivers berth has; Docker\'s words for others and for unknown options', () => {
  checkLogConfig({ Type: 'json-file', Config: {} });
  checkLogConfig({ Type: 'none', Config: {} });
  assert.throws(() => checkLogConfig({ Type: 'bogus', Config: {} }), /^BerthError: error looking up logging plugin bogus: plugin "bogus" not found$/);
  assert.throws(() => checkLogConfig({ Type: 'journald', Config: {} }), /failed to initialize logging driver: berth has the json-file and none drivers, not journald$/);
  assert.throws(() => checkLogConfig({ Type: 'json-file', Config: { bogus: '1' } }), /unknown log opt 'bogus' for json-file log driver$/);
  assert.throws(() => checkLogConfig({ Type: 'json-file', Config: { 'max-size': '1k' } }), /log opt 'max-size' is not supported by berth's json-file log yet/);
});
