#!/usr/bin/env bash
# Builds pkg/ (wasm-pack, targets web, bundler and nodejs) as an MVP-only module:
# no reference types, multi-value, bulk memory or non-trapping float-to-int, which
# WeChat on iOS, Safari 15 and older Android WebViews reject. Stable Rust turns
# those on for wasm32 and its prebuilt std has them, so std is rebuilt on nightly
# with -Ctarget-cpu=mvp; wasm-opt --mvp-features then validates the result
# against the MVP feature set (and fails the build if anything slipped in).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
# panic=immediate-abort, no panic locations and no Debug formatting: nothing
# in the module prints a panic (none may happen), so that code is dead weight.
export RUSTUP_TOOLCHAIN=nightly
export RUSTFLAGS="-Ctarget-cpu=mvp -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
for target in web bundler nodejs; do
  wasm-pack --log-level warn build . --release --target "$target" --out-dir "pkg/$target" --out-name canbao \
    -- -Zbuild-std=panic_abort,core,alloc,std
done
# WeChat on iOS refuses exported Globals; wasm-bindgen's runtime leaves two.
node scripts/strip-global-exports.mjs pkg/*/canbao_bg.wasm
# One package.json for npm at pkg/: ES module for bundlers, the web build for browsers.
node scripts/package-pkg.mjs
