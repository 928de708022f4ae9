# The two commands the README leads with:
#   make serve   the main job: build, then check the bundled example
#   make test    every test, after installing what they need (idempotent)
# Both work on a fresh machine with the Rust toolchain and the package registries.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

CARGO ?= cargo

.PHONY: serve example test rust-test bench

serve: example

example:
	$(CARGO) build --release --locked
	./target/release/canbao check examples/request.json --pretty
	./target/release/canbao check examples/request.json

test: rust-test

rust-test:
	$(CARGO) test --locked --all-targets
	$(CARGO) test --locked --doc

bench:
	$(CARGO) bench --bench check
