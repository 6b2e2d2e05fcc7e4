#!/usr/bin/env bash
# The whole test suite: sets the machine up (scripts/setup.sh), type-checks, then runs the unit tests beside the
# code and the integration tests that drive bin/berth against the real kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx tsc --noEmit -p .
node scripts/run-tests.mjs src test "$@"
