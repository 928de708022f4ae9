#!/usr/bin/env bash
# Installs the bundlers tests/dist/bundlers.test.mjs builds the package with,
# each pinned in its own folder (two versions of one tool cannot share one),
# once, and again when its package.json changes.
set -euo pipefail
cd "$(dirname "$0")/../tests/bundlers"
for dir in vite5 vite webpack-5.88 webpack; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules/.installed" ]; then
    npm install --prefix "$dir" --no-audit --no-fund --silent
    touch "$dir/node_modules/.installed"
  fi
done
