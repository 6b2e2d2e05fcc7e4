#!/usr/bin/env bash
# Makes a bare machine ready to run berth and its tests: Debian packages the tests and the demo use, npm
# dependencies, and the build. Idempotent; quiet when there is nothing to do.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pair in busybox:busybox-static runc:runc docker-registry:docker-registry zstd:zstd xz:xz-utils flock:util-linux \
  mknod:coreutils mount:mount htpasswd:apache2-utils openssl:openssl tini-static:tini; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing ${need[*]} (run as root to install them)" >&2
  else
    echo "setup: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

stamp=node_modules/.berth-install-stamp
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  touch "$stamp"
fi

if [[ ! -f dist/cli/berth.cjs ]] || [[ -n $(find src scripts/build.mjs package.json -newer dist/cli/berth.cjs -print -quit) ]]; then
  echo "setup: building" >&2
  node scripts/build.mjs
fi
