#!/bin/sh
# Runs the bundled Node proxy with its memory settings: `npm run proxy` starts it this way, and so do
# `npm run bench:proxy` and the CLI tests. Usage: sh proxy/run-node.sh [node flags...] node.mjs [args...]
# (PROXY_NODE=/path/to/node picks the binary; `node` on PATH otherwise, which under `npm run` is the project's
# Node 24, the `node` devDependency. Not NODE: npm sets NODE to the Node that runs npm itself, the system's.)
#
# Why each setting (numbers in bench/results/proxy-diagnosis.md, "Third round" and "Fourth round"):
# - --max-semi-space-size=16: Node 24's V8 grows its young generation up to 2 × 64 MB when a process
#   allocates fast, and the proxy allocated ~70 KB per exchange (~48 KB now): that young generation was most of the
#   ~240 MB peak RSS at 100 connections (live data is ~10-20 MB). 16 MB semi-spaces cost no measurable
#   CPU; 2-4 MB ones brought RSS to ~105 MB but cost 25-40% more CPU per exchange.
# - --heap-growing-percent=50: after each full GC the old generation may grow by half its live size
#   before the next one (V8 otherwise lets it double or more), so promoted garbage stays ~10 MB.
# - MALLOC_ARENA_MAX=2: glibc otherwise gives each thread that mallocs (V8's GC workers, libuv's
#   pool) its own arena; two are enough here. An environment variable, read by glibc at start-up:
#   it cannot be set from inside the process, hence this launcher.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec "${PROXY_NODE:-node}" --max-semi-space-size=16 --heap-growing-percent=50 "$@"
