# Comptoir — the two commands a newcomer needs:
#   make run    install, build (Release), migrate + seed the SQLite demo database, serve on :8080
#   make test   install test dependencies, build (ASan+UBSan), run every test against real services
SHELL := /bin/bash
.DEFAULT_GOAL := help
# ccache: paths relative to the checkout, so another clone of the repository
# (CI's) reuses what this one compiled.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: help run test build build-debug deps test-deps bench bench-kb format clean

help:
	@echo "make run    build and serve the demo portal on http://127.0.0.1:8080"
	@echo "make test   build with sanitizers and run unit, integration and browser tests"
	@echo "make bench  micro-benchmarks, then the home page against nginx (see bench/RESULTS.md)"
	@echo "make bench-kb  knowledge-base search and article page percentiles on 50,000 articles"

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test
	@npm ci --no-audit --no-fund --loglevel=error

build: deps
	cmake --preset release
	cmake --build --preset release

build-debug:
	cmake --preset debug
	cmake --build --preset debug

run: build
	build/release/comptoir migrate
	build/release/comptoir seed-demo
	@scripts/run-demo build/release/comptoir

test: test-deps build-debug
	scripts/run-tests build/debug

bench: test-deps build
	cmake --build --preset release --target comptoir_bench
	build/release/comptoir_bench --benchmark_min_time=1
	bench/run.sh

# Knowledge-base percentiles (search, suggestions, article page) on a generated
# SQLite database, made once in bench/out/ and reused; KB_BENCH_ARGS=--quick
# for 5,000 articles.
bench-kb: deps
	cmake --preset release
	cmake --build --preset release --target comptoir_kb_bench
	build/release/comptoir_kb_bench $(KB_BENCH_ARGS)

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp')

clean:
	rm -rf build
