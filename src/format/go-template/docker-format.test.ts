import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Template, TemplateError, goStruct, nilMap, nilSlice, preFormat, renderFormat } from './index.js';

// Every expected string below was printed by Docker 20.10.24 (`/usr/bin/docker`, CLI and engine) for the images
// bench/app:1 and bench/debian:bookworm of the benchmark workloads.

const IMAGE_HEADERS = {
  Containers: 'CONTAINERS',
  CreatedAt: 'CREATED AT',
  CreatedSince: 'CREATED',
  Digest: 'DIGEST',
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  SharedSize: 'SHARED SIZE',
  Size: 'SIZE',
  Tag: 'TAG',
  UniqueSize: 'UNIQUE SIZE',
  VirtualSize: 'SIZE',
};
const imageRow = (Repository: string, Tag: string, ID: string) =>
  goStruct('*formatter.imageContext', { Repository, Tag, ID, Size: '199MB', Digest: '<none>' });
const ROWS = [imageRow('bench/app', '1', '01d1045bd2a6'), imageRow('bench/debian', 'bookworm', '4c5cb8d909e9')];

test('docker images --format "table …" aligns header and rows through the tabwriter', () => {
  assert.equal(
    renderFormat('table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.Size}}', ROWS, IMAGE_HEADERS),
    'REPOSITORY     TAG        IMAGE ID       SIZE\n' +
      'bench/app      1          01d1045bd2a6   199MB\n' +
      'bench/debian   bookworm   4c5cb8d909e9   199MB\n',
  );
  assert.equal(
    renderFormat('table {{pad .Tag 1 1}}|{{upper .Repository}}\\t{{.ID}}', ROWS, IMAGE_HEADERS),
    ' TAG |REPOSITORY          IMAGE ID\n' + ' 1 |BENCH/APP             01d1045bd2a6\n' + ' bookworm |BENCH/DEBIAN   4c5cb8d909e9\n',
  );
  assert.equal(renderFormat('table {{json .Tag}}\\t{{.ID}}', ROWS.slice(0, 1), IMAGE_HEADERS), 'TAG       IMAGE ID\n"1"       01d1045bd2a6\n');
  assert.equal(renderFormat('table {{.ID}}\\t', ROWS.slice(0, 1), IMAGE_HEADERS), 'IMAGE ID       \n01d1045bd2a6   \n');
  assert.equal(renderFormat('table{{.ID}}\\n{{.Tag}}', ROWS.slice(0, 1), IMAGE_HEADERS), 'IMAGE ID\nTAG\n01d1045bd2a6\n1\n');
  assert.equal(renderFormat('tablex {{.ID}}', ROWS.slice(0, 1), IMAGE_HEADERS), 'x IMAGE ID\nx 01d1045bd2a6\n');
});

test('a table with no rows still prints its header; a plain format prints nothing', () => {
  assert.equal(renderFormat('table {{.ID}}\\t{{.Tag}}', [], IMAGE_HEADERS), 'IMAGE ID   TAG\n');
  assert.equal(renderFormat('{{.ID}}', [], IMAGE_HEADERS), '');
});

test('a header function that fails leaves an empty header line (table {{json .}})', () => {
  assert.equal(renderFormat('table {{json .}}', [{ ID: 'x' }], IMAGE_HEADERS), '\n{"ID":"x"}\n');
  assert.equal(
    renderFormat('table {{.}}', [], IMAGE_HEADERS),
    'map[Containers:CONTAINERS CreatedAt:CREATED AT CreatedSince:CREATED Digest:DIGEST ID:IMAGE ID Repository:REPOSITORY SharedSize:SHARED SIZE Size:SIZE Tag:TAG UniqueSize:UNIQUE SIZE VirtualSize:SIZE]\n',
  );
});

test('plain formats print one line per row; typed \\t and \\n become tab and newline; json is not a keyword in 20.10', () => {
  assert.equal(renderFormat('{{.Repository}}:{{.Tag}}', ROWS), 'bench/app:1\nbench/debian:bookworm\n');
  assert.equal(renderFormat('{{.ID}}\\t{{.Tag}}\\n', ROWS.slice(0, 1)), '01d1045bd2a6\t1\n\n');
  assert.equal(renderFormat('  table {{.ID}}', ROWS.slice(0, 1)), 'table 01d1045bd2a6\n');
  assert.equal(renderFormat('json', ROWS), 'json\njson\n');
  assert.equal(renderFormat('{{json .Digest}}', ROWS.slice(0, 1)), '"<none>"\n');
  assert.equal(preFormat('table  {{.ID}}\\t{{.Tag}}  '), '{{.ID}}\t{{.Tag}}');
});

test('errors read as Docker prints them', () => {
  const err = (f: string) => {
    try {
      renderFormat(f, ROWS, IMAGE_HEADERS);
    } catch (e) {
      assert.ok(e instanceof TemplateError);
      return `${e.phase}: ${e.message}`;
    }
    assert.fail(f);
  };
  assert.equal(
    err('table {{.ID}} {{.Foo}}'),
    'exec: template parsing error: template: :1:10: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.imageContext',
  );
  assert.equal(err('{{.ID'), 'parse: template parsing error: template: :1: unclosed action');
});

const APP = {
  Id: 'sha256:01d1045bd2a62a5e51ee9c841ae891d71c061b41ea94fecaeb56377826eedde4',
  RepoTags: ['127.0.0.1:5000/bench/app:1', 'bench/app:1'],
  ContainerConfig: { Cmd: ['/bin/sh', '-c', '#(nop) ', 'CMD ["/bin/sh"]'] },
  Config: {
    Hostname: '',
    Domainname: '',
    User: '',
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'APP=/opt/app'],
    Cmd: ['/bin/sh'],
    Image: 'sha256:9fd9b5d3aab02fe3e52bb273877fff491760c1bc3a00679abe0f12b9a0c7c8c3',
    Volumes: { '/data': goStruct('struct {}', {}) },
    WorkingDir: '/opt/app',
    Entrypoint: nilSlice('strslice.StrSlice'),
    OnBuild: nilSlice(),
    Labels: nilMap(),
  },
  Architecture: 'amd64',
  Os: 'linux',
  Size: 198948490,
  GraphDriver: { Name: 'overlay2' },
  RootFS: goStruct(
    'types.RootFS',
    {
      Type: 'layers',
      Layers: [
        'sha256:dd8fb1063241eab170362b22884bf82e5663aa113741840fcbbc332607677c8e',
        'sha256:2781b7535b951f2c3ac02f5d6ba6c238413de8585474caa935a03a535af956cb',
        'sha256:7dfad6f96ea3c6cb977e1c18bb619862cdd390c0c7e3bfa5a3192013dcc25411',
        'sha256:e996d708b115d237d82765c04cd1ced314cf2cda45661db633bdc6a4a146ee92',
      ],
      BaseLayer: '',
    },
    { omitEmpty: ['BaseLayer'] },
  ),
};

test('docker image inspect --format over typed image data', () => {
  const format =
    '{{.Config.Cmd}}|{{.ContainerConfig.Cmd}}|{{json .Config.Env}}|{{.RepoTags}}|{{index .Config.Volumes "/data"}}|' +
    '{{range $k, $v := .Config.Volumes}}{{$k}} {{end}}|{{len .RootFS.Layers}}|{{.Size}}|{{.Os}}/{{.Architecture}}|' +
    '{{join .Config.Env ","}}|{{.Config.WorkingDir | upper}}|{{if .Config.Entrypoint}}ep{{else}}noep{{end}}|' +
    '{{.Config.Volumes}}|{{printf "%s-%d" .Os 3}}|{{.Config.Labels}}|{{.GraphDriver.Name}}';
  assert.equal(
    Template.parse(format).execute(APP),
    '[/bin/sh]|[/bin/sh -c #(nop)  CMD ["/bin/sh"]]|["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","APP=/opt/app"]|' +
      '[127.0.0.1:5000/bench/app:1 bench/app:1]|{}|/data |4|198948490|linux/amd64|' +
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin,APP=/opt/app|/OPT/APP|noep|map[/data:{}]|linux-3|map[]|overlay2',
  );
  assert.equal(
    Template.parse('{{json .Config}}').execute(APP),
    '{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,' +
      '"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",' +
      '"APP=/opt/app"],"Cmd":["/bin/sh"],"Image":"sha256:9fd9b5d3aab02fe3e52bb273877fff491760c1bc3a00679abe0f12b9a0c7c8c3",' +
      '"Volumes":{"/data":{}},"WorkingDir":"/opt/app","Entrypoint":null,"OnBuild":null,"Labels":null}',
  );
  assert.equal(
    Template.parse('{{.RootFS}}|{{json .RootFS}}').execute(APP),
    `{layers [${APP.RootFS.Layers.join(' ')}] }|{"Type":"layers","Layers":${JSON.stringify(APP.RootFS.Layers)}}`,
  );
});
