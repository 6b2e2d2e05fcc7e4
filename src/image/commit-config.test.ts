// commit's image config against Docker 20.10's own: `docker commit` of two busybox containers (captured from
// /usr/bin/docker; the parent is the image both ran). Same inputs give the same bytes, but docker_version.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commitConfigBytes, commitContainerConfig } from './commit-config.js';
import { parseRFC3339 } from '../format/go-time.js';
import { ENGINE_VERSION } from '../version.js';
import { BerthError } from '../errors.js';

const PARENT = String.raw`{"architecture":"amd64","config":{"Hostname":"8661f7726af4","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["sh","-c","mkdir -p /data/sub /data2 /opq/inner /ren/d \u0026\u0026 echo a\u003e/data/a \u0026\u0026 echo b\u003e/data/b \u0026\u0026 echo c\u003e/data/sub/c \u0026\u0026 echo d \u003e /data/sub/d \u0026\u0026 echo x\u003e/data2/x \u0026\u0026 echo p\u003e/opq/p \u0026\u0026 echo q\u003e/opq/inner/q \u0026\u0026 echo r\u003e/ren/f \u0026\u0026 echo rd\u003e/ren/d/g \u0026\u0026 ln /data/a /data/hl"],"Image":"bbexp","Volumes":null,"WorkingDir":"","Entrypoint":null,"NetworkDisabled":true,"OnBuild":null,"Labels":{}},"container":"8661f7726af469ac5221f5e7de70e2bed235dde57e1049ea9e8f8a17d3ea52e7","container_config":{"Hostname":"8661f7726af4","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["sh","-c","mkdir -p /data/sub /data2 /opq/inner /ren/d \u0026\u0026 echo a\u003e/data/a \u0026\u0026 echo b\u003e/data/b \u0026\u0026 echo c\u003e/data/sub/c \u0026\u0026 echo d \u003e /data/sub/d \u0026\u0026 echo x\u003e/data2/x \u0026\u0026 echo p\u003e/opq/p \u0026\u0026 echo q\u003e/opq/inner/q \u0026\u0026 echo r\u003e/ren/f \u0026\u0026 echo rd\u003e/ren/d/g \u0026\u0026 ln /data/a /data/hl"],"Image":"bbexp","Volumes":null,"WorkingDir":"","Entrypoint":null,"NetworkDisabled":true,"OnBuild":null,"Labels":{}},"created":"2026-11-23T11:09:17.32893521Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-23T11:09:13.836817154Z","comment":"Imported from -"},{"created":"2026-11-23T11:09:17.32893521Z","created_by":"sh -c mkdir -p /data/sub /data2 /opq/inner /ren/d \u0026\u0026 echo a\u003e/data/a \u0026\u0026 echo b\u003e/data/b \u0026\u0026 echo c\u003e/data/sub/c \u0026\u0026 echo d \u003e /data/sub/d \u0026\u0026 echo x\u003e/data2/x \u0026\u0026 echo p\u003e/opq/p \u0026\u0026 echo q\u003e/opq/inner/q \u0026\u0026 echo r\u003e/ren/f \u0026\u0026 echo rd\u003e/ren/d/g \u0026\u0026 ln /data/a /data/hl"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:af0c2f8b6f9392458c27cd4ca6d7eaed3bcf5ad1f45cb008913648175d816c65","sha256:a95ce5c7235a5f86defa3b5eb6b7e16977f9938db9046dac82940ea0d9bf920a"]}}`;

/** `docker run --name c1 bbexp:2 sh -c '…'`, then `docker commit -m "msg here" -a "Me <me@x>" c1`. */
const DOCKER_C1 = String.raw`{"architecture":"amd64","author":"Me \u003cme@x\u003e","config":{"Hostname":"116fb4ba059e","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["sh","-c","echo new \u003e /newfile; mkdir -p /newdir/deep; echo n \u003e /newdir/deep/f; echo changed \u003e\u003e /data/a; rm /data/b; rm -rf /data/sub; mv /data2/x /data2/y; rm -rf /opq; mkdir /opq; echo p2 \u003e /opq/p; mv /ren /ren2; touch /etc/passwd; chmod 600 /data2; ln -s /x /data/sym; mkfifo /tmp/fifo"],"Image":"bbexp:2","Volumes":null,"WorkingDir":"","Entrypoint":null,"NetworkDisabled":true,"OnBuild":null,"Labels":{}},"container":"116fb4ba059e19f355adc14bab3c28c9c6f0f1aec2dc5a45a030e5e4d95a9b05","container_config":{"Hostname":"116fb4ba059e","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["sh","-c","echo new \u003e /newfile; mkdir -p /newdir/deep; echo n \u003e /newdir/deep/f; echo changed \u003e\u003e /data/a; rm /data/b; rm -rf /data/sub; mv /data2/x /data2/y; rm -rf /opq; mkdir /opq; echo p2 \u003e /opq/p; mv /ren /ren2; touch /etc/passwd; chmod 600 /data2; ln -s /x /data/sym; mkfifo /tmp/fifo"],"Image":"bbexp:2","Volumes":null,"WorkingDir":"","Entrypoint":null,"NetworkDisabled":true,"OnBuild":null,"Labels":{}},"created":"2026-11-23T11:11:17.127623902Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-23T11:09:13.836817154Z","comment":"Imported from -"},{"created":"2026-11-23T11:09:17.32893521Z","created_by":"sh -c mkdir -p /data/sub /data2 /opq/inner /ren/d \u0026\u0026 echo a\u003e/data/a \u0026\u0026 echo b\u003e/data/b \u0026\u0026 echo c\u003e/data/sub/c \u0026\u0026 echo d \u003e /data/sub/d \u0026\u0026 echo x\u003e/data2/x \u0026\u0026 echo p\u003e/opq/p \u0026\u0026 echo q\u003e/opq/inner/q \u0026\u0026 echo r\u003e/ren/f \u0026\u0026 echo rd\u003e/ren/d/g \u0026\u0026 ln /data/a /data/hl"},{"created":"2026-11-23T11:11:17.127623902Z","author":"Me \u003cme@x\u003e","created_by":"sh -c echo new \u003e /newfile; mkdir -p /newdir/deep; echo n \u003e /newdir/deep/f; echo changed \u003e\u003e /data/a; rm /data/b; rm -rf /data/sub; mv /data2/x /data2/y; rm -rf /opq; mkdir /opq; echo p2 \u003e /opq/p; mv /ren /ren2; touch /etc/passwd; chmod 600 /data2; ln -s /x /data/sym; mkfifo /tmp/fifo","comment":"msg here"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:af0c2f8b6f9392458c27cd4ca6d7eaed3bcf5ad1f45cb008913648175d816c65","sha256:a95ce5c7235a5f86defa3b5eb6b7e16977f9938db9046dac82940ea0d9bf920a","sha256:7c8b0259b59572a22bdb81d6717755e273d5a3c3427f7026cdb740d565d32832"]}}`;

/** `docker run --name c2 --entrypoint /bin/echo bbexp:2 hi there`, then `docker commit -c 'ENV A=b' -c 'CMD ["x"]' c2`. */
const DOCKER_C2 = String.raw`{"architecture":"amd64","config":{"Hostname":"6c43439f2f5c","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["A=b"],"Cmd":["x"],"Image":"bbexp:2","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"NetworkDisabled":true,"OnBuild":null,"Labels":{}},"container":"6c43439f2f5c1236c46fb12417fe7ddbabce0c59dfcf5b830983a48b5d1e9e03","container_config":{"Hostname":"6c43439f2f5c","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["hi","there"],"Image":"bbexp:2","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"NetworkDisabled":true,"OnBuild":null,"Labels":{}},"created":"2026-11-23T11:12:04.522750838Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-23T11:09:13.836817154Z","comment":"Imported from -"},{"created":"2026-11-23T11:09:17.32893521Z","created_by":"sh -c mkdir -p /data/sub /data2 /opq/inner /ren/d \u0026\u0026 echo a\u003e/data/a \u0026\u0026 echo b\u003e/data/b \u0026\u0026 echo c\u003e/data/sub/c \u0026\u0026 echo d \u003e /data/sub/d \u0026\u0026 echo x\u003e/data2/x \u0026\u0026 echo p\u003e/opq/p \u0026\u0026 echo q\u003e/opq/inner/q \u0026\u0026 echo r\u003e/ren/f \u0026\u0026 echo rd\u003e/ren/d/g \u0026\u0026 ln /data/a /data/hl"},{"created":"2026-11-23T11:12:04.522750838Z","created_by":"hi there","empty_layer":true}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:af0c2f8b6f9392458c27cd4ca6d7eaed3bcf5ad1f45cb008913648175d816c65","sha256:a95ce5c7235a5f86defa3b5eb6b7e16977f9938db9046dac82940ea0d9bf920a"]}}`;

const ours = (docker: string) => docker.replace('"docker_version":"20.10.24+dfsg1"', `"docker_version":"${ENGINE_VERSION}"`);

test('a commit with a layer, a message and an author: the bytes Docker writes', () => {
  const want = JSON.parse(DOCKER_C1);
  const got = commitConfigBytes({
    parent: JSON.parse(PARENT),
    containerID: want.container,
    containerConfig: want.container_config,
    author: 'Me <me@x>',
    comment: 'msg here',
    diffID: want.rootfs.diff_ids[2],
    created: parseRFC3339(want.created)!,
  });
  assert.equal(got.toString(), ours(DOCKER_C1));
});

test('a commit that changed no file, with --change: an empty_layer row and the changed config', () => {
  const want = JSON.parse(DOCKER_C2);
  const got = commitConfigBytes({
    parent: JSON.parse(PARENT),
    containerID: want.container,
    containerConfig: want.container_config,
    changes: ['ENV A=b', 'CMD ["x"]'],
    diffID: null,
    created: parseRFC3339(want.created)!,
  });
  assert.equal(got.toString(), ours(DOCKER_C2));
});

test('ENTRYPOINT drops the command unless a CMD change came first (Docker: null then ["a"])', () => {
  const base = { Cmd: ['sh'], Entrypoint: null, Env: ['PATH=/bin'] };
  assert.deepEqual(commitContainerConfig(base, ['ENTRYPOINT ["/bin/ls"]']), { ...base, Cmd: null, Entrypoint: ['/bin/ls'] });
  assert.deepEqual(commitContainerConfig(base, ['CMD ["a"]', 'ENTRYPOINT ["/bin/ls"]']), { ...base, Cmd: ['a'], Entrypoint: ['/bin/ls'] });
  assert.deepEqual(base.Cmd, ['sh'], 'the container config is not modified');
});

test('shell-form CMD uses the config\'s Shell; a bad instruction is refused with Docker\'s message', () => {
  assert.deepEqual(commitContainerConfig({ Shell: ['/bin/bash', '-c'] }, ['CMD echo hi']).Cmd, ['/bin/bash', '-c', 'echo hi']);
  assert.deepEqual(commitContainerConfig({}, ['CMD echo hi']).Cmd, ['/bin/sh', '-c', 'echo hi']);
  assert.throws(() => commitContainerConfig({}, ['RUN x']), (e: unknown) => e instanceof BerthError && e.message === 'run is not a valid change command');
});
