#!/usr/bin/env bash
# Installs what the wasm build needs, once; safe to run again (CI runs it on a
# fresh machine). No internet beyond the package registries: rustup's own
# components, crates.io for wasm-bindgen-cli and wasm-pack, npm for binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."

# The wasm-bindgen CLI must match the crate in Cargo.lock exactly.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)

installed() { rustup +"$1" target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; }
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
installed stable || rustup target add wasm32-unknown-unknown
installed nightly || rustup target add wasm32-unknown-unknown --toolchain nightly
rustup component list --toolchain nightly --installed | grep -q '^rust-src' || rustup component add rust-src --toolchain nightly

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  cargo install wasm-bindgen-cli --version "=$bindgen_version"
fi
command -v wasm-pack >/dev/null || cargo install wasm-pack --version 0.15.1

# wasm-opt from npm's binaryen: Debian's binaryen (108) silently writes broken modules.
# npm ci again whenever package-lock.json is newer than what was installed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
