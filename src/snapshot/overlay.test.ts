import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kernelHasVolatile } from './overlay.js';

test('kernelHasVolatile: overlayfs takes volatile from Linux 5.10 on', () => {
  for (const k of ['5.10.0-21-amd64', '5.15.0', '6.1.0-18-cloud-amd64', '6.18.44-fc-v1272', '10.0.0']) assert.equal(kernelHasVolatile(k), true, k);
  for (const k of ['5.9.16', '4.19.0-25-amd64', '3.10.0-1160.el7.x86_64', 'garbage', '']) assert.equal(kernelHasVolatile(k), false, k);
});
