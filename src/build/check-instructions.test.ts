// Docker's parse-time refusals, each checked against Docker 20.10's classic builder (`DOCKER_BUILDKIT=0`): the whole
// Dockerfile is refused before any step runs, with the line parser's or the instruction parser's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from './dockerfile.js';

const parse = (body: string) => () => parseDockerfile(`FROM busybox\nRUN echo side\n${body}\n`);

test('instruction parser: missing arguments, unknown flags, HEALTHCHECK options, ONBUILD triggers, SHELL form', () => {
  const cases: [string, string][] = [
    ['HEALTHCHECK --interval=bad CMD true', 'time: invalid duration "bad"'],
    ['HEALTHCHECK --retries=0 CMD true', '--retries must be at least 1 (not 0)'],
    ['HEALTHCHECK FOO', 'Unknown type "FOO" in HEALTHCHECK (try CMD)'],
    ['HEALTHCHECK NONE x', 'HEALTHCHECK NONE takes no arguments'],
    ['HEALTHCHECK', 'HEALTHCHECK requires at least one argument'],
    ['ARG', 'ARG requires at least one argument'],
    ['EXPOSE', 'EXPOSE requires at least one argument'],
    ['VOLUME []', 'VOLUME requires at least one argument'],
    ['ONBUILD', 'ONBUILD requires at least one argument'],
    ['USER', 'USER requires exactly one argument'],
    ['WORKDIR', 'WORKDIR requires exactly one argument'],
    ['STOPSIGNAL', 'STOPSIGNAL requires exactly one argument'],
    ['MAINTAINER', 'MAINTAINER requires exactly one argument'],
    ['COPY --bogus=1 a /b', 'Unknown flag: bogus'],
    ['RUN --foo x', 'Unknown flag: foo'],
    ['COPY a', 'COPY requires at least two arguments, but only one was provided. Destination could not be determined'],
    ['SHELL sh', 'SHELL requires the arguments to be in JSON form'],
    ['ONBUILD FROM x', "FROM isn't allowed as an ONBUILD trigger"],
    ['ONBUILD ONBUILD RUN x', "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"],
  ];
  for (const [body, message] of cases) assert.throws(parse(body), { message: `dockerfile parse error line 3: ${message}` }, body);
});

test('line parser: ENV and LABEL pairs, reported before any instruction problem', () => {
  const cases: [string, string][] = [
    ['ENV onlykey', 'ENV must have two arguments'],
    ['LABEL novalue', 'LABEL must have two arguments'],
    ['ENV a=1 b', 'Syntax error - can\'t find = in "b". Must be of the form: name=value'],
    ['ENV X=${Y:?must set}', 'Syntax error - can\'t find = in "set}". Must be of the form: name=value'],
  ];
  for (const [body, message] of cases) assert.throws(parse(body), { message: `failed to parse Dockerfile: ${message}` }, body);
  assert.throws(parse('USER\nENV onlykey'), { message: 'failed to parse Dockerfile: ENV must have two arguments' });
});

test('what Docker takes: CMD and ENTRYPOINT alone, several words for ARG, USER and WORKDIR', () => {
  for (const body of ['CMD', 'ENTRYPOINT', 'ARG a b', 'USER a b', 'WORKDIR a b', 'HEALTHCHECK --interval=5s --retries=2 CMD true', 'COPY --chown=1:1 --from=x a b']) {
    assert.doesNotThrow(parse(body), body);
  }
});
