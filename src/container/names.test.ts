import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newContainerID, randomName, validateName } from './names.js';

test('container IDs are 64 hex digits whose short form is not a number', () => {
  for (let i = 0; i < 200; i++) {
    const id = newContainerID();
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.doesNotMatch(id.slice(0, 12), /^\d+$/);
  }
});

test('random names are adjective_surname, with a digit on retries', () => {
  assert.match(randomName(), /^[a-z]+_[a-z]+$/);
  assert.match(randomName(1), /^[a-z]+_[a-z]+\d$/);
});

test('validateName strips a leading slash and rejects what Docker rejects', () => {
  assert.equal(validateName('/web.1'), 'web.1');
  assert.equal(validateName('a_b-c'), 'a_b-c');
  assert.throws(() => validateName('x'), /Invalid container name \(x\), only \[a-zA-Z0-9\]\[a-zA-Z0-9_.-\] are allowed/);
  assert.throws(() => validateName('-bad'), /Invalid container name/);
  assert.throws(() => validateName('has space'), /Invalid container name/);
});
