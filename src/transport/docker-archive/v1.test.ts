// v1 layer IDs and <v1id>/json against Docker 20.10's own `docker save` output: captured fixtures (an import,
// a classic-builder image with every container.Config field kind, a hand-made config with a +02:00 time,
// a string Cmd and a repeated layer), and the benchmark archives when they are on this machine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Digest } from '../../digest/digest.js';
import { v1Layers } from './v1.js';

const FIXTURES: { name: string; config: string; layers: { id: string; json: string }[] }[] = [
  {
    name: 'tiny',
    config: String.raw`{"architecture":"amd64","comment":"Imported from -","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["/bin/sh"],"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"created":"2026-11-23T09:38:34.437926198Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-23T09:38:34.437926198Z","comment":"Imported from -"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13"]}}`,
    layers: [
      {
        id: '1ff560e096b022f2d981959a0505a11b2ac135170ca07f9a8ade818e847eb863',
        json: String.raw`{"id":"1ff560e096b022f2d981959a0505a11b2ac135170ca07f9a8ade818e847eb863","comment":"Imported from -","created":"2026-11-23T09:38:34.437926198Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"docker_version":"20.10.24+dfsg1","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["/bin/sh"],"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"architecture":"amd64","os":"linux"}`,
      },
    ],
  },
  {
    name: 'rich',
    config: String.raw`{"architecture":"amd64","author":"someone \u003ca@b.c\u003e","config":{"Hostname":"","Domainname":"","User":"1000:1000","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"53/udp":{},"8080/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","X=1","Y=2"],"Cmd":null,"Healthcheck":{"Test":["CMD","/bin/true"],"Interval":30000000000,"Timeout":5000000000,"Retries":2},"Image":"sha256:e9b76d1079bdc6af6c82a22219bcc53ad8e972e4c1b29f66677fc1d711352dff","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"OnBuild":["RUN echo hi"],"Labels":{"org.a":"1 \u003c\u0026\u003e","org.b":"2"},"StopSignal":"SIGINT","Shell":["/bin/sh","-ec"]},"container":"4d1752c507eead5061bdaa14e808f2027d6c6b3b392767d2e16f8b5446c76655","container_config":{"Hostname":"4d1752c507ee","Domainname":"","User":"1000:1000","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"53/udp":{},"8080/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","X=1","Y=2"],"Cmd":["/bin/sh","-ec","#(nop) ","MAINTAINER someone \u003ca@b.c\u003e"],"Healthcheck":{"Test":["CMD","/bin/true"],"Interval":30000000000,"Timeout":5000000000,"Retries":2},"Image":"sha256:e9b76d1079bdc6af6c82a22219bcc53ad8e972e4c1b29f66677fc1d711352dff","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"OnBuild":["RUN echo hi"],"Labels":{"org.a":"1 \u003c\u0026\u003e","org.b":"2"},"StopSignal":"SIGINT","Shell":["/bin/sh","-ec"]},"created":"2026-11-23T09:38:39.399003641Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-23T09:38:34.437926198Z","comment":"Imported from -"},{"created":"2026-11-23T09:38:38.98980402Z","created_by":"/bin/sh -c #(nop)  LABEL org.b=2 org.a=1 \u003c\u0026\u003e","empty_layer":true},{"created":"2026-11-23T09:38:39.024783233Z","created_by":"/bin/sh -c #(nop)  ENV X=1 Y=2","empty_layer":true},{"created":"2026-11-23T09:38:39.078782495Z","created_by":"/bin/sh -c #(nop) COPY file:7a379d0ef3d363574f9a38cf03a78aa104889c30582434cdb486f5c62436edb0 in /a.txt "},{"created":"2026-11-23T09:38:39.110983727Z","created_by":"/bin/sh -c #(nop)  EXPOSE 53/udp 8080/tcp","empty_layer":true},{"created":"2026-11-23T09:38:39.144176858Z","created_by":"/bin/sh -c #(nop)  HEALTHCHECK \u0026{[\"CMD\" \"/bin/true\"] \"30s\" \"5s\" \"0s\" '\\x02'}","empty_layer":true},{"created":"2026-11-23T09:38:39.184853205Z","created_by":"/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]","empty_layer":true},{"created":"2026-11-23T09:38:39.216659634Z","created_by":"/bin/sh -ec #(nop)  ENTRYPOINT [\"/bin/echo\"]","empty_layer":true},{"created":"2026-11-23T09:38:39.272265949Z","created_by":"/bin/sh -ec #(nop) COPY file:f97f7d8602f3a8cdeb6284779ef4de5375079a9e27c70958939eb63fa71aceee in /b.txt "},{"created":"2026-11-23T09:38:39.303698737Z","created_by":"/bin/sh -ec #(nop)  ONBUILD RUN echo hi","empty_layer":true},{"created":"2026-11-23T09:38:39.335545636Z","created_by":"/bin/sh -ec #(nop)  STOPSIGNAL SIGINT","empty_layer":true},{"created":"2026-11-23T09:38:39.367882451Z","created_by":"/bin/sh -ec #(nop)  USER 1000:1000","empty_layer":true},{"created":"2026-11-23T09:38:39.399003641Z","author":"someone \u003ca@b.c\u003e","created_by":"/bin/sh -ec #(nop)  MAINTAINER someone \u003ca@b.c\u003e","empty_layer":true}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13","sha256:ae90bef8c510bb2a38001c6493b5a95c86946bc4aac5fd9f9292c127f47b7037","sha256:bb2fef290c7d2f66a8bbdc364b454d065592f674e509b3f742017164e315ddf4"]}}`,
    layers: [
      {
        id: '1f801323ac119e88f2e37299059c992742d8026973822418fb35b22cd462a934',
        json: String.raw`{"id":"1f801323ac119e88f2e37299059c992742d8026973822418fb35b22cd462a934","created":"1970-01-01T00:00:00Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"os":"linux"}`,
      },
      {
        id: 'b9982b7a5a630278beb473542606ae9fd40bcc869ede7df73d25254422917d28',
        json: String.raw`{"id":"b9982b7a5a630278beb473542606ae9fd40bcc869ede7df73d25254422917d28","parent":"1f801323ac119e88f2e37299059c992742d8026973822418fb35b22cd462a934","created":"1970-01-01T00:00:00Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"os":"linux"}`,
      },
      {
        id: '7c472a31f894c47e9bebdd2ae4c8d4af47792531a24962f6ee0c0a42ee4d45ea',
        json: String.raw`{"id":"7c472a31f894c47e9bebdd2ae4c8d4af47792531a24962f6ee0c0a42ee4d45ea","parent":"b9982b7a5a630278beb473542606ae9fd40bcc869ede7df73d25254422917d28","created":"2026-11-23T09:38:39.399003641Z","container":"4d1752c507eead5061bdaa14e808f2027d6c6b3b392767d2e16f8b5446c76655","container_config":{"Hostname":"4d1752c507ee","Domainname":"","User":"1000:1000","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"53/udp":{},"8080/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","X=1","Y=2"],"Cmd":["/bin/sh","-ec","#(nop) ","MAINTAINER someone \u003ca@b.c\u003e"],"Healthcheck":{"Test":["CMD","/bin/true"],"Interval":30000000000,"Timeout":5000000000,"Retries":2},"Image":"sha256:e9b76d1079bdc6af6c82a22219bcc53ad8e972e4c1b29f66677fc1d711352dff","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"OnBuild":["RUN echo hi"],"Labels":{"org.a":"1 \u003c\u0026\u003e","org.b":"2"},"StopSignal":"SIGINT","Shell":["/bin/sh","-ec"]},"docker_version":"20.10.24+dfsg1","author":"someone \u003ca@b.c\u003e","config":{"Hostname":"","Domainname":"","User":"1000:1000","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"53/udp":{},"8080/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","X=1","Y=2"],"Cmd":null,"Healthcheck":{"Test":["CMD","/bin/true"],"Interval":30000000000,"Timeout":5000000000,"Retries":2},"Image":"sha256:e9b76d1079bdc6af6c82a22219bcc53ad8e972e4c1b29f66677fc1d711352dff","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"OnBuild":["RUN echo hi"],"Labels":{"org.a":"1 \u003c\u0026\u003e","org.b":"2"},"StopSignal":"SIGINT","Shell":["/bin/sh","-ec"]},"architecture":"amd64","os":"linux"}`,
      },
    ],
  },
  {
    name: 'odd',
    config: String.raw`{"created":"2021-03-04T05:06:07.123000000+02:00","architecture":"arm64","variant":"v8","os":"linux","os.version":"1.2","config":{"Cmd":"/bin/sh","Volumes":{"/v":{"x":1}},"Labels":{},"Env":[],"ExposedPorts":{},"ArgsEscaped":true,"Healthcheck":{"Test":[]}},"history":[{"created":"2021-03-04T03:06:07Z","created_by":"x\ty"},{"created_by":"e","empty_layer":true}],"rootfs":{"type":"layers","diff_ids":["sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13","sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13"]}}`,
    layers: [
      {
        id: '1f801323ac119e88f2e37299059c992742d8026973822418fb35b22cd462a934',
        json: String.raw`{"id":"1f801323ac119e88f2e37299059c992742d8026973822418fb35b22cd462a934","created":"1970-01-01T00:00:00Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"os":"linux"}`,
      },
      {
        id: '82908bfd753fe4efb13e93953488264a6e668ba2e91101cc41823fa8747a7091',
        json: String.raw`{"id":"82908bfd753fe4efb13e93953488264a6e668ba2e91101cc41823fa8747a7091","parent":"1f801323ac119e88f2e37299059c992742d8026973822418fb35b22cd462a934","created":"2021-03-04T05:06:07.123+02:00","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":[],"Cmd":["/bin/sh"],"Healthcheck":{},"ArgsEscaped":true,"Image":"","Volumes":{"/v":{}},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{}},"architecture":"arm64","variant":"v8","os":"linux"}`,
      },
    ],
  },
];

const diffIDsOf = (config: string): Digest[] => JSON.parse(config).rootfs.diff_ids;

for (const fx of FIXTURES) {
  test(`v1Layers matches docker save: ${fx.name}`, () => {
    const got = v1Layers(new TextEncoder().encode(fx.config), diffIDsOf(fx.config));
    assert.deepEqual(
      got.map((l) => ({ id: l.id, json: l.json })),
      fx.layers,
    );
    got.forEach((l, i) => assert.equal(l.parent, i === 0 ? undefined : got[i - 1].id));
  });
}

for (const archive of ['/tmp/berth-bench/app.tar', '/tmp/berth-bench/debian.tar']) {
  test(`v1Layers matches ${archive}`, (t) => {
    if (!existsSync(archive)) {
      t.skip(`${archive} is absent (made by ../shared/bench/anchors.sh)`);
      return;
    }
    const read = (name: string) => execFileSync('tar', ['-xOf', archive, name], { maxBuffer: 1 << 24 });
    const manifest = JSON.parse(read('manifest.json').toString())[0] as { Config: string; Layers: string[] };
    const config = read(manifest.Config);
    const got = v1Layers(config, JSON.parse(config.toString()).rootfs.diff_ids);
    assert.deepEqual(
      got.map((l) => `${l.id}/layer.tar`),
      manifest.Layers,
    );
    for (const l of got) assert.equal(l.json, read(`${l.id}/json`).toString());
  });
}

test('lower layers carry the epoch in the daemon zone', () => {
  const fx = FIXTURES.find((f) => f.name === 'rich')!;
  const [lower] = v1Layers(new TextEncoder().encode(fx.config), diffIDsOf(fx.config), { epochOffsetSeconds: 3600 });
  assert.match(lower.json, /"created":"1970-01-01T01:00:00\+01:00"/);
  assert.notEqual(lower.id, fx.layers[0].id);
});

test('an image without layers cannot be saved', () => {
  assert.throws(() => v1Layers(new TextEncoder().encode('{}'), []), /empty export - not implemented/);
});
