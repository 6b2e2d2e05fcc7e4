// historyRows + historyTableRow against Docker 20.10 (`/usr/bin/docker history`, CLI 20.10.24) output captured
// here with --format: bench/app:1 and a richer build (local parent chains: an ID on every row), a loaded image
// (an ID on the top row only, a row without a time, a tab in CREATED BY) and one with wide CJK text from 1970.
// Machine-local inputs (parent chain, layer sizes) are read back from the captured output.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Digest } from '../digest/digest.js';
import { historyRows, historyTableRow } from './history-view.js';

/** When the fixtures were captured (within 0.2 s). */
const NOW = new Date(1795426996590);

const FIXTURES: { ref: string; config: string; human: string; raw: string; json: string }[] = [
  {
    ref: 'bench/app:1',
    config: String.raw`{"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","APP=/opt/app"],"Cmd":["/bin/sh"],"Image":"sha256:9fd9b5d3aab02fe3e52bb273877fff491760c1bc3a00679abe0f12b9a0c7c8c3","Volumes":{"/data":{}},"WorkingDir":"/opt/app","Entrypoint":null,"OnBuild":null,"Labels":null},"container":"4344d814669aa7c5956c1dd7c1aaba6faaf2a745a9831bf9dc4ac02700fa9679","container_config":{"Hostname":"4344d814669a","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","APP=/opt/app"],"Cmd":["/bin/sh","-c","#(nop) ","CMD [\"/bin/sh\"]"],"Image":"sha256:9fd9b5d3aab02fe3e52bb273877fff491760c1bc3a00679abe0f12b9a0c7c8c3","Volumes":{"/data":{}},"WorkingDir":"/opt/app","Entrypoint":null,"OnBuild":null,"Labels":{}},"created":"2026-11-23T09:33:13.682712699Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-23T09:33:12.428013634Z","comment":"Imported from -"},{"created":"2026-11-23T09:33:12.799882061Z","created_by":"/bin/sh -c #(nop)  ENV APP=/opt/app","empty_layer":true},{"created":"2026-11-23T09:33:13.175217473Z","created_by":"/bin/sh -c mkdir -p /opt/app/data \u0026\u0026 for i in $(seq 1 5000); do echo \"file $i\" \u003e /opt/app/data/f$i.txt; done"},{"created":"2026-11-23T09:33:13.538715301Z","created_by":"/bin/sh -c rm -rf /usr/share/doc /usr/share/man \u0026\u0026 echo changed \u003e\u003e /etc/hostname \u0026\u0026 rm -f /opt/app/data/f1*.txt"},{"created":"2026-11-23T09:33:13.589139265Z","created_by":"/bin/sh -c #(nop) COPY file:f364d7f56db5bd42423bb48d0c34a20dba3269662256c97cbd8514f29bdce70a in /opt/app/ "},{"created":"2026-11-23T09:33:13.623829584Z","created_by":"/bin/sh -c #(nop) WORKDIR /opt/app","empty_layer":true},{"created":"2026-11-23T09:33:13.653218102Z","created_by":"/bin/sh -c #(nop)  VOLUME [/data]","empty_layer":true},{"created":"2026-11-23T09:33:13.682712699Z","created_by":"/bin/sh -c #(nop)  CMD [\"/bin/sh\"]","empty_layer":true}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:dd8fb1063241eab170362b22884bf82e5663aa113741840fcbbc332607677c8e","sha256:2781b7535b951f2c3ac02f5d6ba6c238413de8585474caa935a03a535af956cb","sha256:7dfad6f96ea3c6cb977e1c18bb619862cdd390c0c7e3bfa5a3192013dcc25411","sha256:e996d708b115d237d82765c04cd1ced314cf2cda45661db633bdc6a4a146ee92"]}}`,
    human: String.raw`01d1045bd2a6	10 minutes ago	2026-11-23T09:33:13Z	/bin/sh -c #(nop)  CMD ["/bin/sh"]	0B	
9fd9b5d3aab0	10 minutes ago	2026-11-23T09:33:13Z	/bin/sh -c #(nop)  VOLUME [/data]	0B	
74e9e6f798b3	10 minutes ago	2026-11-23T09:33:13Z	/bin/sh -c #(nop) WORKDIR /opt/app	0B	
82c91d13016c	10 minutes ago	2026-11-23T09:33:13Z	/bin/sh -c #(nop) COPY file:f364d7f56db5bd42…	323B	
9ed20bb724be	10 minutes ago	2026-11-23T09:33:13Z	/bin/sh -c rm -rf /usr/share/doc /usr/share/…	0B	
9793a2038dfe	10 minutes ago	2026-11-23T09:33:13Z	/bin/sh -c mkdir -p /opt/app/data && for i i…	48.9kB	
03b02890be8f	10 minutes ago	2026-11-23T09:33:12Z	/bin/sh -c #(nop)  ENV APP=/opt/app	0B	
4c5cb8d909e9	10 minutes ago	2026-11-23T09:33:12Z		199MB	Imported from -
`,
    raw: String.raw`01d1045bd2a6	2026-11-23T09:33:13Z	2026-11-23T09:33:13Z	/bin/sh -c #(nop)  CMD ["/bin/sh"]	0	
9fd9b5d3aab0	2026-11-23T09:33:13Z	2026-11-23T09:33:13Z	/bin/sh -c #(nop)  VOLUME [/data]	0	
74e9e6f798b3	2026-11-23T09:33:13Z	2026-11-23T09:33:13Z	/bin/sh -c #(nop) WORKDIR /opt/app	0	
82c91d13016c	2026-11-23T09:33:13Z	2026-11-23T09:33:13Z	/bin/sh -c #(nop) COPY file:f364d7f56db5bd42…	323	
9ed20bb724be	2026-11-23T09:33:13Z	2026-11-23T09:33:13Z	/bin/sh -c rm -rf /usr/share/doc /usr/share/…	0	
9793a2038dfe	2026-11-23T09:33:13Z	2026-11-23T09:33:13Z	/bin/sh -c mkdir -p /opt/app/data && for i i…	48893	
03b02890be8f	2026-11-23T09:33:12Z	2026-11-23T09:33:12Z	/bin/sh -c #(nop)  ENV APP=/opt/app	0	
4c5cb8d909e9	2026-11-23T09:33:12Z	2026-11-23T09:33:12Z		198899274	Imported from -
`,
    json: String.raw`{"Comment":"","CreatedAt":"2026-11-23T09:33:13Z","CreatedBy":"/bin/sh -c #(nop)  CMD [\"/bin/sh\"]","CreatedSince":"10 minutes ago","ID":"sha256:01d1045bd2a62a5e51ee9c841ae891d71c061b41ea94fecaeb56377826eedde4","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:33:13Z","CreatedBy":"/bin/sh -c #(nop)  VOLUME [/data]","CreatedSince":"10 minutes ago","ID":"sha256:9fd9b5d3aab02fe3e52bb273877fff491760c1bc3a00679abe0f12b9a0c7c8c3","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:33:13Z","CreatedBy":"/bin/sh -c #(nop) WORKDIR /opt/app","CreatedSince":"10 minutes ago","ID":"sha256:74e9e6f798b3141ed551813afe24ad7e102be56db8da4a15d81e2d66d63abcde","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:33:13Z","CreatedBy":"/bin/sh -c #(nop) COPY file:f364d7f56db5bd42423bb48d0c34a20dba3269662256c97cbd8514f29bdce70a in /opt/app/ ","CreatedSince":"10 minutes ago","ID":"sha256:82c91d13016ca89faac1ed86610cb4ca47cdc7b600184cbe30dd044238226963","Size":"323B"}
{"Comment":"","CreatedAt":"2026-11-23T09:33:13Z","CreatedBy":"/bin/sh -c rm -rf /usr/share/doc /usr/share/man \u0026\u0026 echo changed \u003e\u003e /etc/hostname \u0026\u0026 rm -f /opt/app/data/f1*.txt","CreatedSince":"10 minutes ago","ID":"sha256:9ed20bb724be3038b569a1ae158cd4603ae8124ec30ebdede5b2be6da8f4eca1","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:33:13Z","CreatedBy":"/bin/sh -c mkdir -p /opt/app/data \u0026\u0026 for i in $(seq 1 5000); do echo \"file $i\" \u003e /opt/app/data/f$i.txt; done","CreatedSince":"10 minutes ago","ID":"sha256:9793a2038dfe394148e96c91fe4ad666291de75138aa0b3c83def0a3bc32d0b3","Size":"48.9kB"}
{"Comment":"","CreatedAt":"2026-11-23T09:33:12Z","CreatedBy":"/bin/sh -c #(nop)  ENV APP=/opt/app","CreatedSince":"10 minutes ago","ID":"sha256:03b02890be8f04c419a13c66ffa1e39901c1b8bd00dd672abc4421b184b9959d","Size":"0B"}
{"Comment":"Imported from -","CreatedAt":"2026-11-23T09:33:12Z","CreatedBy":"","CreatedSince":"10 minutes ago","ID":"sha256:4c5cb8d909e9cba8043485d986dd67c5f1154773e6d24157bad878dc299d43e7","Size":"199MB"}
`,
  },
  {
    ref: 'berthfx/rich:1',
    config: String.raw`{"architecture":"amd64","author":"someone \u003ca@b.c\u003e","config":{"Hostname":"","Domainname":"","User":"1000:1000","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"53/udp":{},"8080/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","X=1","Y=2"],"Cmd":null,"Healthcheck":{"Test":["CMD","/bin/true"],"Interval":30000000000,"Timeout":5000000000,"Retries":2},"Image":"sha256:e9b76d1079bdc6af6c82a22219bcc53ad8e972e4c1b29f66677fc1d711352dff","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"OnBuild":["RUN echo hi"],"Labels":{"org.a":"1 \u003c\u0026\u003e","org.b":"2"},"StopSignal":"SIGINT","Shell":["/bin/sh","-ec"]},"container":"4d1752c507eead5061bdaa14e808f2027d6c6b3b392767d2e16f8b5446c76655","container_config":{"Hostname":"4d1752c507ee","Domainname":"","User":"1000:1000","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"53/udp":{},"8080/tcp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","X=1","Y=2"],"Cmd":["/bin/sh","-ec","#(nop) ","MAINTAINER someone \u003ca@b.c\u003e"],"Healthcheck":{"Test":["CMD","/bin/true"],"Interval":30000000000,"Timeout":5000000000,"Retries":2},"Image":"sha256:e9b76d1079bdc6af6c82a22219bcc53ad8e972e4c1b29f66677fc1d711352dff","Volumes":null,"WorkingDir":"","Entrypoint":["/bin/echo"],"OnBuild":["RUN echo hi"],"Labels":{"org.a":"1 \u003c\u0026\u003e","org.b":"2"},"StopSignal":"SIGINT","Shell":["/bin/sh","-ec"]},"created":"2026-11-23T09:38:39.399003641Z","docker_version":"20.10.24+dfsg1","history":[{"created":"2026-11-23T09:38:34.437926198Z","comment":"Imported from -"},{"created":"2026-11-23T09:38:38.98980402Z","created_by":"/bin/sh -c #(nop)  LABEL org.b=2 org.a=1 \u003c\u0026\u003e","empty_layer":true},{"created":"2026-11-23T09:38:39.024783233Z","created_by":"/bin/sh -c #(nop)  ENV X=1 Y=2","empty_layer":true},{"created":"2026-11-23T09:38:39.078782495Z","created_by":"/bin/sh -c #(nop) COPY file:7a379d0ef3d363574f9a38cf03a78aa104889c30582434cdb486f5c62436edb0 in /a.txt "},{"created":"2026-11-23T09:38:39.110983727Z","created_by":"/bin/sh -c #(nop)  EXPOSE 53/udp 8080/tcp","empty_layer":true},{"created":"2026-11-23T09:38:39.144176858Z","created_by":"/bin/sh -c #(nop)  HEALTHCHECK \u0026{[\"CMD\" \"/bin/true\"] \"30s\" \"5s\" \"0s\" '\\x02'}","empty_layer":true},{"created":"2026-11-23T09:38:39.184853205Z","created_by":"/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]","empty_layer":true},{"created":"2026-11-23T09:38:39.216659634Z","created_by":"/bin/sh -ec #(nop)  ENTRYPOINT [\"/bin/echo\"]","empty_layer":true},{"created":"2026-11-23T09:38:39.272265949Z","created_by":"/bin/sh -ec #(nop) COPY file:f97f7d8602f3a8cdeb6284779ef4de5375079a9e27c70958939eb63fa71aceee in /b.txt "},{"created":"2026-11-23T09:38:39.303698737Z","created_by":"/bin/sh -ec #(nop)  ONBUILD RUN echo hi","empty_layer":true},{"created":"2026-11-23T09:38:39.335545636Z","created_by":"/bin/sh -ec #(nop)  STOPSIGNAL SIGINT","empty_layer":true},{"created":"2026-11-23T09:38:39.367882451Z","created_by":"/bin/sh -ec #(nop)  USER 1000:1000","empty_layer":true},{"created":"2026-11-23T09:38:39.399003641Z","author":"someone \u003ca@b.c\u003e","created_by":"/bin/sh -ec #(nop)  MAINTAINER someone \u003ca@b.c\u003e","empty_layer":true}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13","sha256:ae90bef8c510bb2a38001c6493b5a95c86946bc4aac5fd9f9292c127f47b7037","sha256:bb2fef290c7d2f66a8bbdc364b454d065592f674e509b3f742017164e315ddf4"]}}`,
    human: String.raw`7c0595fa9db6	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  MAINTAINER someone <a@b.…	0B	
e9b76d1079bd	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  USER 1000:1000	0B	
66b6dd8275ca	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  STOPSIGNAL SIGINT	0B	
b704f65b3b58	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  ONBUILD RUN echo hi	0B	
12f0470c2697	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -ec #(nop) COPY file:f97f7d8602f3a8c…	3B	
9cf7d865a919	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  ENTRYPOINT ["/bin/echo"]	0B	
54b6acd315e2	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]	0B	
a521ac547971	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -c #(nop)  HEALTHCHECK &{["CMD" "/bi…	0B	
1c03a45a410c	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -c #(nop)  EXPOSE 53/udp 8080/tcp	0B	
35f4a7175567	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -c #(nop) COPY file:7a379d0ef3d36357…	2B	
be3cd93e5beb	4 minutes ago	2026-11-23T09:38:39Z	/bin/sh -c #(nop)  ENV X=1 Y=2	0B	
080f23c081e0	4 minutes ago	2026-11-23T09:38:38Z	/bin/sh -c #(nop)  LABEL org.b=2 org.a=1 <&>	0B	
a727c1036d11	4 minutes ago	2026-11-23T09:38:34Z		6B	Imported from -
`,
    raw: String.raw`7c0595fa9db6	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  MAINTAINER someone <a@b.…	0	
e9b76d1079bd	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  USER 1000:1000	0	
66b6dd8275ca	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  STOPSIGNAL SIGINT	0	
b704f65b3b58	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  ONBUILD RUN echo hi	0	
12f0470c2697	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -ec #(nop) COPY file:f97f7d8602f3a8c…	3	
9cf7d865a919	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  ENTRYPOINT ["/bin/echo"]	0	
54b6acd315e2	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]	0	
a521ac547971	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -c #(nop)  HEALTHCHECK &{["CMD" "/bi…	0	
1c03a45a410c	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -c #(nop)  EXPOSE 53/udp 8080/tcp	0	
35f4a7175567	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -c #(nop) COPY file:7a379d0ef3d36357…	2	
be3cd93e5beb	2026-11-23T09:38:39Z	2026-11-23T09:38:39Z	/bin/sh -c #(nop)  ENV X=1 Y=2	0	
080f23c081e0	2026-11-23T09:38:38Z	2026-11-23T09:38:38Z	/bin/sh -c #(nop)  LABEL org.b=2 org.a=1 <&>	0	
a727c1036d11	2026-11-23T09:38:34Z	2026-11-23T09:38:34Z		6	Imported from -
`,
    json: String.raw`{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -ec #(nop)  MAINTAINER someone \u003ca@b.c\u003e","CreatedSince":"4 minutes ago","ID":"sha256:7c0595fa9db68cdd1f987d1b040a51de2b45e5c9f81f0e577e2c1cc2ce56f6a6","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -ec #(nop)  USER 1000:1000","CreatedSince":"4 minutes ago","ID":"sha256:e9b76d1079bdc6af6c82a22219bcc53ad8e972e4c1b29f66677fc1d711352dff","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -ec #(nop)  STOPSIGNAL SIGINT","CreatedSince":"4 minutes ago","ID":"sha256:66b6dd8275cae862838828d5cc8b7090cc1784487a69f88fe3bbc3c93acd7275","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -ec #(nop)  ONBUILD RUN echo hi","CreatedSince":"4 minutes ago","ID":"sha256:b704f65b3b583ecb77de931ba074129a3244c76bacf2d80f51ade0ce76ef3114","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -ec #(nop) COPY file:f97f7d8602f3a8cdeb6284779ef4de5375079a9e27c70958939eb63fa71aceee in /b.txt ","CreatedSince":"4 minutes ago","ID":"sha256:12f0470c26973a8d0a2939f38471d20e7948f6bbf0385e36a29ebae4b71b45f3","Size":"3B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -ec #(nop)  ENTRYPOINT [\"/bin/echo\"]","CreatedSince":"4 minutes ago","ID":"sha256:9cf7d865a919b805eacf990a5bbe0deed1b936225b2d1644b14fc6badd347dfc","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -ec #(nop)  SHELL [/bin/sh -ec]","CreatedSince":"4 minutes ago","ID":"sha256:54b6acd315e21dde10f5e6d67c63bec2e4f4154b333c47dfddebd8b13f1d0180","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -c #(nop)  HEALTHCHECK \u0026{[\"CMD\" \"/bin/true\"] \"30s\" \"5s\" \"0s\" '\\x02'}","CreatedSince":"4 minutes ago","ID":"sha256:a521ac547971268675e20209aa9c3d580c95f1436077a00bd62344f8b1dcc5ca","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -c #(nop)  EXPOSE 53/udp 8080/tcp","CreatedSince":"4 minutes ago","ID":"sha256:1c03a45a410c31c538160dfdad1b93279ef3a447c13a3f8081b158afb1c35a5d","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -c #(nop) COPY file:7a379d0ef3d363574f9a38cf03a78aa104889c30582434cdb486f5c62436edb0 in /a.txt ","CreatedSince":"4 minutes ago","ID":"sha256:35f4a7175567baa300f744892f9a4dc9a0c539a31270a813a182e93024cd4f4e","Size":"2B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:39Z","CreatedBy":"/bin/sh -c #(nop)  ENV X=1 Y=2","CreatedSince":"4 minutes ago","ID":"sha256:be3cd93e5beb7b9f5ba52dc12026775f351ffc0e07002f87084727c55c2912f1","Size":"0B"}
{"Comment":"","CreatedAt":"2026-11-23T09:38:38Z","CreatedBy":"/bin/sh -c #(nop)  LABEL org.b=2 org.a=1 \u003c\u0026\u003e","CreatedSince":"4 minutes ago","ID":"sha256:080f23c081e044eed5a7fdb4fd98c2250aa43f56b786bc6566c033dbe1b0400d","Size":"0B"}
{"Comment":"Imported from -","CreatedAt":"2026-11-23T09:38:34Z","CreatedBy":"","CreatedSince":"4 minutes ago","ID":"sha256:a727c1036d113bd97ecf7c6c5927d44d357793f0fc5a50a72ab80c953c49ea92","Size":"6B"}
`,
  },
  {
    ref: 'berthfx/odd:1',
    config: String.raw`{"created":"2021-03-04T05:06:07.123000000+02:00","architecture":"arm64","variant":"v8","os":"linux","os.version":"1.2","config":{"Cmd":"/bin/sh","Volumes":{"/v":{"x":1}},"Labels":{},"Env":[],"ExposedPorts":{},"ArgsEscaped":true,"Healthcheck":{"Test":[]}},"history":[{"created":"2021-03-04T03:06:07Z","created_by":"x\ty"},{"created_by":"e","empty_layer":true}],"rootfs":{"type":"layers","diff_ids":["sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13","sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13"]}}`,
    human: String.raw`b9e88cef510f	292 years ago	0001-01-01T00:00:00Z	e	0B	
<missing>	5 years ago	2021-03-04T03:06:07Z	x y	6B	
`,
    raw: String.raw`b9e88cef510f	0001-01-01T00:00:00Z	0001-01-01T00:00:00Z	e	0	
<missing>	2021-03-04T03:06:07Z	2021-03-04T03:06:07Z	x y	6	
`,
    json: String.raw`{"Comment":"","CreatedAt":"0001-01-01T00:00:00Z","CreatedBy":"e","CreatedSince":"292 years ago","ID":"sha256:b9e88cef510f2c9b513a00c5fcc3a6c5ac6563b21b83ba54b1f57ae312effeb1","Size":"0B"}
{"Comment":"","CreatedAt":"2021-03-04T03:06:07Z","CreatedBy":"x y","CreatedSince":"5 years ago","ID":"\u003cmissing\u003e","Size":"6B"}
`,
  },
  {
    ref: 'berthfx/epoch:1',
    config: String.raw`{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","history":[{"created":"1970-01-01T00:00:00Z","created_by":"中文字符中文字符中文字符中文字符中文字符中文字符 abc"}],"rootfs":{"type":"layers","diff_ids":["sha256:b20df5c42af2a4f2cc77c89f6d7f7037ce33fdf2928472d8d0058b33f2106c13"]}}`,
    human: String.raw`6145a8be8a94	56 years ago	1970-01-01T00:00:00Z	中文字符中文字符中文字符中文字符中文字符中文…	6B	
`,
    raw: String.raw`6145a8be8a94	1970-01-01T00:00:00Z	1970-01-01T00:00:00Z	中文字符中文字符中文字符中文字符中文字符中文…	6	
`,
    json: String.raw`{"Comment":"","CreatedAt":"1970-01-01T00:00:00Z","CreatedBy":"中文字符中文字符中文字符中文字符中文字符中文字符 abc","CreatedSince":"56 years ago","ID":"sha256:6145a8be8a94d8e8091cd8abfc9af664cb4d8130ef3ca02625d65c29cfb2d89f","Size":"6B"}
`,
  },
];

const lines = (s: string) => s.split('\n').filter((l) => l !== '');
const FIELDS = ['ID', 'CreatedSince', 'CreatedAt', 'CreatedBy', 'Size', 'Comment'] as const;

for (const fx of FIXTURES) {
  test(`docker history matches: ${fx.ref}`, () => {
    const config = JSON.parse(fx.config);
    const json = lines(fx.json).map((l) => JSON.parse(l) as Record<string, string>);
    const raw = lines(fx.raw).map((l) => l.split('\t'));
    const history: { empty_layer?: boolean }[] = config.history;
    const layerSizes = history.flatMap((h, i) => (h.empty_layer ? [] : [Number(raw[history.length - 1 - i][4])]));
    const rows = historyRows({
      id: json[0].ID as Digest,
      config,
      layerSizes,
      parentChain: json.slice(1).flatMap((j) => (j.ID === '<missing>' ? [] : [j.ID as Digest])),
    });
    assert.equal(rows.length, json.length);
    const table = (opts: object) => rows.map((r) => historyTableRow(r, { now: NOW, ...opts }));
    assert.deepEqual(
      table({}).map((r) => FIELDS.map((k) => r[k]).join('\t')),
      lines(fx.human),
    );
    assert.deepEqual(
      table({ human: false }).map((r) => FIELDS.map((k) => r[k]).join('\t')),
      lines(fx.raw),
    );
    assert.deepEqual(table({ noTrunc: true }), json);
  });
}

test('tags come from each image of the chain', () => {
  const config = {
    history: [{ created: '2020-01-01T00:00:00Z' }, { created: '2020-01-02T00:00:00Z', empty_layer: true }],
    rootfs: { type: 'layers', diff_ids: [`sha256:${'1'.repeat(64)}`] },
  };
  const top = `sha256:${'a'.repeat(64)}` as Digest;
  const parent = `sha256:${'b'.repeat(64)}` as Digest;
  const rows = historyRows({
    id: top,
    config,
    layerSizes: [42],
    parentChain: [parent],
    tagsOf: (id) => (id === top ? ['x:1'] : []),
  });
  assert.deepEqual(
    rows.map((r) => [r.id, r.size, r.tags, r.created?.toISOString()]),
    [
      [top, 0, ['x:1'], '2020-01-02T00:00:00.000Z'],
      [parent, 42, [], '2020-01-01T00:00:00.000Z'],
    ],
  );
});

test('more non-empty history rows than layers is an error', () => {
  const config = { history: [{}, {}], rootfs: { type: 'layers', diff_ids: [`sha256:${'1'.repeat(64)}`] } };
  assert.throws(
    () => historyRows({ id: `sha256:${'a'.repeat(64)}`, config, layerSizes: [1] }),
    /^BerthError: too many non-empty layers in History section$/,
  );
});
