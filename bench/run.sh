#!/usr/bin/env bash
# Entry of `npm run bench [-- [--reps N] [workload…]]`: builds the CLI bundle, makes sure GNU time is there
# (for peak-RSS figures), and runs the harness (bench/main.mjs), which writes docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs --cli-only
if [[ ! -x /usr/bin/time ]] && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "bench: installing GNU time (apt package 'time')" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null || echo "bench: could not install time; memory figures will be skipped" >&2
fi
if [[ ! -d ${BENCH_DIR:-/tmp/berth-bench} ]]; then
  echo "bench: no workloads in ${BENCH_DIR:-/tmp/berth-bench}; run /work/shared/bench/anchors.sh first (berth is still timed where it can be)" >&2
fi
exec node bench/main.mjs "$@"
