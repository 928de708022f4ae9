#!/usr/bin/env bash
# Builds pkg/ (wasm-pack, targets web and nodejs) as an MVP-only module:
# no reference types, multi-value, bulk memory or non-trapping float-to-int, which
# WeChat on iOS, Safari 15 and older Android WebViews reject. Stable Rust turns
# those on for wasm32 and its prebuilt std has them, so std is rebuilt on nightly
# with -Ctarget-cpu=mvp; wasm-opt --mvp-features then validates the result
# against the MVP feature set (and fails the build if anything slipped in).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
# The built-in packs, compiled natively (the same hashes as the CLI's), travel
# beside the core module in pkg/*/packs.js.
# Built in pkg.new/ and swapped in at the end: pkg/ is never half built.
rm -rf pkg.new && mkdir -p pkg.new
cargo run --quiet --locked -- packs-bin current > pkg.new/packs.bin
cargo run --quiet --locked -- packs-bin past > pkg.new/packs-past.bin
# The browser build's: the national rules, and each place's pack on its own.
node scripts/build-places.mjs pkg.new
# The request fields forms ask, with their words: one list for the page, the
# mini-program and integrators' forms (pkg/*/fields.js).
cargo run --quiet --locked -- fields > pkg.new/fields.json
# panic=immediate-abort, no panic locations and no Debug formatting: nothing
# in the module prints a panic (none may happen), so that code is dead weight.
export RUSTUP_TOOLCHAIN=nightly
export RUSTFLAGS="-Ctarget-cpu=mvp -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
# Bytes over speed: see the README's Speed section for what each level costs.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${CANBAO_OPT_LEVEL:-z}"
# Two modules: the core (answers; no pack compiler) and the loader (compiles
# the packs operators load, for loadPolicy only). Each has its own target dir,
# so switching features does not rebuild the other.
# std's `optimize_for_size`: smaller sorting and formatting (about 5 KB gzip).
STD=(-Zbuild-std=panic_abort,core,alloc,std -Zbuild-std-features=optimize_for_size)
for target in web nodejs; do
  CARGO_TARGET_DIR=target/wasm-core wasm-pack --log-level warn build . --release --target "$target" \
    --out-dir "pkg.new/$target" --out-name canbao_core -- --no-default-features "${STD[@]}"
  CARGO_TARGET_DIR=target/wasm-loader wasm-pack --log-level warn build . --release --target "$target" \
    --out-dir "pkg.new/$target" --out-name canbao_loader -- --no-default-features --features loader "${STD[@]}"
done
# The roster page's module: the core with rosters (CSV, XLSX in and out),
# loaded only by roster.html's worker, on a cadre's computer: built for speed,
# not bytes (opt-level 3 and wasm-opt -O3: 100,000 rows checked in about half
# the time of -Oz), still validated as MVP.
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_TARGET_DIR=target/wasm-roster wasm-pack --log-level warn build . --release --no-opt --target web \
  --out-dir "pkg.new/roster" --out-name canbao_roster -- --no-default-features --features roster-wasm "${STD[@]}"
wasm-opt -O3 --mvp-features pkg.new/roster/canbao_roster_bg.wasm -o pkg.new/roster/canbao_roster_bg.wasm
rm -f pkg.new/roster/.gitignore pkg.new/roster/package.json pkg.new/roster/README.md
# WeChat on iOS refuses exported Globals; wasm-bindgen's runtime leaves two.
node scripts/strip-global-exports.mjs pkg.new/*/canbao_*_bg.wasm
# The public API (js/) beside each glue, and one package.json for npm at pkg/.
node scripts/package-pkg.mjs pkg.new
rm -rf pkg.old && { [ ! -d pkg ] || mv pkg pkg.old; } && mv pkg.new pkg && rm -rf pkg.old
# The page and the mini-program import the field list beside their logic.
cp pkg/form-fields.js www/fields.js
