# The two commands the README leads with:
#   make serve   the main job: build the engine and the page, serve it on
#                http://127.0.0.1:8080 (after checking the bundled example)
#   make test    every test, after installing what they need (idempotent)
# Both work on a fresh machine with the Rust toolchain, Node and the package
# registries (no other internet).

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

CARGO ?= cargo

.PHONY: serve example test rust-test wasm wasm-setup wasm-test wechat www www-test dist city dist-test bench bench-wasm bench-load bench-roster fuzz fuzz-wasm

serve: example www
	node scripts/serve.mjs www/dist

example:
	$(CARGO) build --release --locked
	./target/release/canbao check examples/request.json --pretty
	./target/release/canbao check examples/request.json

test: rust-test wasm-test www-test dist-test

rust-test:
	$(CARGO) test --locked --all-targets
	$(CARGO) test --locked --doc

# pkg/: the MVP-only wasm build, targets web, bundler and nodejs.
wasm: wasm-setup
	bash scripts/build-wasm.sh

wasm-setup:
	bash scripts/setup-wasm.sh

# The Node tests load pkg/ and compare every case with the native CLI; the
# mini-program kit is assembled and run under WeChat's conditions; the JSON
# Schemas are checked against the cases, the output and the packs.
wasm-test: wasm wechat
	$(CARGO) build --locked
	node --test tests/wasm/ tests/wechat/ tests/schema/

# www/wechat/dist/: the mini-program with the wasm brotli-compressed.
wechat: wasm
	node scripts/build-wechat.mjs

# www/dist/: the page, and kiosk.html (one file, runs from file://).
www: wasm
	node scripts/build-www.mjs

# The page in headless Chromium (Debian's, driven by playwright-core).
www-test: www
	bash scripts/setup-browser.sh
	node --test --test-concurrency=1 tests/www/

# dist/: what integrators ship, for the national default: the npm tarball
# (README, licences, types), the page, kiosk.html, the mini-program and its zip.
dist: wasm
	node scripts/build-dist.mjs

# The same, set to one place: make city PACK=my-city.toml [OUT=dir]
# (default dist/<id>): its pack compiled in with the packs it extends, the
# default region; no other places, no historical packs, no pack compiler.
city: wasm
	@test -n "$(PACK)" || { echo "make city PACK=FILE [OUT=DIR]: FILE is the place's pack, TOML or JSON"; exit 2; }
	node scripts/build-dist.mjs --pack "$(PACK)" $(if $(OUT),--out "$(OUT)")

# The artifacts as their users use them: the tarball in an empty project (Node,
# CommonJS, TypeScript under each module setting, publint, attw,
# canbao-validate), a city build's four artifacts, and the bundlers (Vite,
# webpack, SSR) in Chromium.
dist-test: dist wechat
	bash scripts/setup-browser.sh
	bash scripts/setup-bundlers.sh
	node --test --test-concurrency=1 tests/dist/

bench:
	$(CARGO) bench --bench check

# canbao's wasm build and GoRules ZEN's Node binding on the same persons, one run.
bench-wasm: wasm
	npm --prefix bench/zen install --no-audit --no-fund --silent
	node bench/compare.mjs

# The page on a slow phone (Slow-3G-like line, CPU 4× slower) in Chromium:
# when the first question can be typed into, when the engine answers.
bench-load: www
	node scripts/bench-load.mjs 5

# canbao roster over made-up lists (scripts/roster-sample.mjs): 100,000 rows
# (target: under 1.5 s), then 1,000,000 (flat memory), national pack.
bench-roster: www
	$(CARGO) build --release --locked
	node scripts/roster-sample.mjs 100000 > target/roster-100k.csv
	node scripts/roster-sample.mjs 1000000 > target/roster-1m.csv
	for f in 100k 100k 100k 1m; do ./target/release/canbao roster target/roster-$$f.csv --out target/roster-$$f.checked.csv --today 2026-11-24 2>&1 | grep -E "rows checked|peak"; done
	node scripts/bench-roster-page.mjs 100000

# cargo-fuzz (installed once); the targets: check, household, pack.
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz && for t in check household pack; do cargo +nightly fuzz run $$t -- -max_total_time=120 -max_len=4096; done

# The public JS API, fuzzed for ten minutes (tests/wasm/fuzz.mjs; 15 s in make test).
fuzz-wasm: wasm
	$(CARGO) build --locked
	node tests/wasm/fuzz.mjs 600
