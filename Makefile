# The two commands of the README. Everything else is a helper for them.
.PHONY: run test deps build build-release web bench fuzz mutate format clean

JOBS ?= 2

deps:
	@scripts/install-deps.sh

# What `make run` needs: the service and the simulator, not the tests.
build-release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j$(JOBS) --target poblysh-interviews calcom-sim

# Tests also need Debian's Chromium for the browser tests.
build:
	@POBLYSH_WITH_BROWSER=1 scripts/install-deps.sh
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci -j$(JOBS)
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j$(JOBS)

# The browser app (web/dist), served by the binary.
web: deps
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

# Installs, builds, and runs the service on http://127.0.0.1:8080 with demo data.
run: build-release web
	@scripts/run.sh

# Installs, builds with sanitizers and warnings as errors, and runs every test through CTest.
test: build
	@ctest --preset ci -j$(JOBS) --timeout 600

# Mutation check of the guards (tools/mutate/mutations.toml), not part of `make test`: each mutant
# is built in a copy of the tree (build/mutate-src, the `mutate` preset: no sanitizers, -O0) and
# the tests mapped to it run; prints killed/survived and the score, fails if any survives.
mutate: deps
	@/usr/bin/python3 tools/mutate/mutate.py --jobs $(JOBS)

# Benchmarks (docs/performance.md): bench/run.sh builds only the release preset's bench target.
bench: deps
	@bench/run.sh

# Fuzzes every target for FUZZ_SECONDS (default 60) each; see fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j$(JOBS)
	@fuzz/run.sh all $(FUZZ_SECONDS)

format:
	@find src tests tools bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
