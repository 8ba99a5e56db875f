#!/usr/bin/env bash
# CI step: the suite on Node 24 (the machine's own Node is 20). Node 24 comes from the npm
# registry as a package (node-linux-<arch>, the official build), into .tmp/node24, and goes
# first on PATH; nothing system-wide changes. Then it builds and runs the unit project and a
# representative set of integration files against one real broker.
#
# Why these integration files (the whole integration project takes far longer on 2 cores):
#   roundtrip          kafkajs on Node 24 against Kafka 4: produce, consume, seek, exactly once
#   plain-output       the built CLI as a child process: 30 000 records, backpressure, hostile bytes
#   several-topics     --topic repeated, through the CLI
#   stream-controller  the TUI's stream control (pause, seek, demo burst) against the broker
#   npx-tarball        npm pack + npx from the tarball, run by Node 24
# Usage: scripts/ci-node24.sh            (Node 24's newest release)
#        NODE_VERSION=24.8.0 scripts/ci-node24.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=${NODE_VERSION:-24}
arch=$(node -p process.arch)
case "$arch" in
x64 | arm64) ;;
*)
	echo "no node-linux-$arch package for this machine" >&2
	exit 1
	;;
esac
package=node-linux-$arch
prefix=.tmp/node24

echo "== Node $version from the npm registry ($package)"
npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund "$package@$version"
export PATH="$PWD/$prefix/node_modules/$package/bin:$PATH"
node --version
node --version | grep -q '^v24\.' || {
	echo "expected Node 24 first on PATH, got $(node --version)" >&2
	exit 1
}

# node_modules came from `npm ci` under Node 20: pure JavaScript plus platform binaries
# (esbuild, Biome) that do not depend on the Node version, so they serve Node 24 as they are.
# Tools are started with `node <script>`, so Node 24 runs them whatever npm's shebangs say.
echo "== build (tsc on Node 24)"
node node_modules/typescript/bin/tsc -p tsconfig.json

echo "== unit project"
node node_modules/vitest/vitest.mjs run --project unit

echo "== integration (representative files, one broker)"
node node_modules/vitest/vitest.mjs run --project integration \
	test/integration/roundtrip.test.ts \
	test/integration/plain-output.test.ts \
	test/integration/several-topics.test.ts \
	test/integration/stream-controller.test.ts \
	test/integration/npx-tarball.test.ts
