# shellcheck shell=bash
# Shared helpers for tools/test, tools/run, tools/bench. Source it; do not execute it.
# Build dirs (all under build/, each with the fixed settings of its preset in CMakePresets.json, so
# the scripts share them incrementally):
#   native        g++,     Debug,   -Werror
#   native-clang  clang++, Debug,   -Werror
#   asan          clang++, Debug,   -fsanitize=address,undefined
#   wasm          em++ (Emscripten toolchain file), Release (-O2), -fwasm-exceptions
#   wasm-threads  as wasm, plus -pthread -sPTHREAD_POOL_SIZE=8, -fexceptions (real threads, node;
#                 also the page's module with threads, build/page/threads/)
#   wasm-size     as wasm, linked with --profiling-funcs (function names): ./tools/bench --sizes
#   bench-native  clang++ (AIO_BENCH_CXX), Release (-O2)
#   fuzz          clang++, -O1 -g, libFuzzer + ASan + UBSan: only the fuzz_* programs (tests/fuzz/)

AIO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AIO_BUILD="${AIO_BUILD_ROOT:-$AIO_ROOT/build}"
AIO_LOGS="$AIO_BUILD/logs"
AIO_JOBS="${AIO_JOBS:-2}"

# Debian's emcc needs require('acorn') from /usr/share/nodejs for -O1+ links; a non-Debian node does
# not look there.
case ":${NODE_PATH:-}:" in
  *:/usr/share/nodejs:*) ;;
  *) export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}" ;;
esac

aio_log() { printf '%s\n' "$*" >&2; }
aio_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# aio_ensure_deps GROUP...  -- tools/setup: apt-get installs whatever of those groups is missing
# (cheap when nothing is).
aio_ensure_deps() { "$AIO_ROOT/tools/setup" "$@"; }

# aio_configure NAME  -- configure build/NAME with its fixed settings (cheap when already configured).
aio_configure() {
  local name=$1 dir="$AIO_BUILD/$1" extra=()
  case $name in
    native|native-clang|asan|wasm|wasm-threads|wasm-size|fuzz) ;;
    bench-native) extra=(-DCMAKE_CXX_COMPILER="${AIO_BENCH_CXX:-clang++}") ;;
    *) aio_die "unknown build dir '$name'" ;;
  esac
  mkdir -p "$AIO_LOGS"
  # The settings live in CMakePresets.json (what an IDE or `cmake --preset NAME` sees); only the
  # build folder follows AIO_BUILD_ROOT.
  (cd "$AIO_ROOT" && cmake --preset "$name" -B "$dir" "${extra[@]}") >"$AIO_LOGS/$name.configure.log" 2>&1 || {
    cat "$AIO_LOGS/$name.configure.log" >&2
    aio_log "error: configuring build/$name failed (log: build/logs/$name.configure.log)"
    return 1
  }
}

# aio_build NAME [TARGET...]  -- configure + build; output goes to build/logs/NAME.build.log.
# Prints the warnings (if any) and, on failure, the tail of the log.
aio_build() {
  local name=$1; shift
  local dir="$AIO_BUILD/$name" log="$AIO_LOGS/$name.build.log" targets=()
  local t; for t in "$@"; do targets+=(--target "$t"); done
  aio_configure "$name" || return 1
  local start=$SECONDS rc=0
  cmake --build "$dir" --parallel "$AIO_JOBS" "${targets[@]}" >"$log" 2>&1 || rc=$?
  local nwarn; nwarn=$(grep -c 'warning:' "$log" || true)
  if ((rc)); then
    tail -n 150 "$log" >&2
    aio_log "error: building build/$name failed (full log: build/logs/$name.build.log)"
    return 1
  fi
  if ((nwarn)); then
    grep -A3 'warning:' "$log" | head -n 60 >&2
    aio_log "build/$name: $nwarn warning line(s) (log: build/logs/$name.build.log)"
  fi
  aio_log "build/$name: built in $((SECONDS - start))s, $nwarn warnings"
}

# aio_consumer_check NAME  -- the exported CMake package works for an outside project: installs
# build/NAME into build/NAME/install-prefix, builds tests/consumer (find_package(aio), aio::core)
# against it with the same compiler into build/NAME/consumer (a wasm build: with emcmake, the
# package found through aio_DIR since Emscripten's toolchain confines find_package to its sysroot;
# run under node), checks that nothing but the core is on its link line (no curl) and what it
# prints. Log: build/logs/NAME.consumer.log.
aio_consumer_check() {
  local dir="$AIO_BUILD/$1" log="$AIO_LOGS/$1.consumer.log" out configure run
  rm -rf "$dir/install-prefix" "$dir/consumer"
  if aio_is_wasm "$1"; then
    configure=(emcmake cmake -Daio_DIR="$dir/install-prefix/lib/cmake/aio")
    run=(node "$dir/consumer/consumer.js")
  else
    configure=(cmake -DCMAKE_CXX_COMPILER="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$dir/CMakeCache.txt")"
               -DCMAKE_PREFIX_PATH="$dir/install-prefix")
    run=("$dir/consumer/consumer")
  fi
  if ! { cmake --install "$dir" --prefix "$dir/install-prefix" &&
         "${configure[@]}" -S "$AIO_ROOT/tests/consumer" -B "$dir/consumer" -G Ninja &&
         cmake --build "$dir/consumer"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2; aio_log "error: consumer: install/configure/build failed (log: build/logs/$1.consumer.log)"
    return 1
  fi
  if grep -iE '^ *LINK_LIBRARIES = .*(curl|nlohmann)' "$dir/consumer/build.ninja" >&2; then
    aio_log "error: consumer: aio::core brought a third-party library onto the link line"; return 1
  fi
  out=$("${run[@]}" 2>&1) || { aio_log "error: consumer: exit $? ($out)"; return 1; }
  [[ $out == "sum=42 t=2" ]] || { aio_log "error: consumer printed '$out', expected 'sum=42 t=2'"; return 1; }
  aio_log "consumer: find_package(aio) + aio::core from an install of build/$1: ok"
}

# aio_target_cmd NAME TARGET  -- set array AIO_CMD to the command that runs TARGET from build/NAME
# (wasm targets run under node).
aio_is_wasm() { [[ $1 == wasm* ]]; }
aio_target_cmd() {
  if aio_is_wasm "$1"; then AIO_CMD=(node "$AIO_BUILD/$1/$2.js"); else AIO_CMD=("$AIO_BUILD/$1/$2"); fi
}
# aio_run_target NAME TARGET [ARGS...]
aio_run_target() {
  aio_target_cmd "$1" "$2"; shift 2
  "${AIO_CMD[@]}" "$@"
}

# aio_web_dist  -- copies build/wasm's sandbox module (aio_sandbox.mjs + .wasm, target
# aio_sandbox_module) into web/dist/ (gitignored), where the JS package in web/ loads it from.
aio_web_dist() {
  mkdir -p "$AIO_ROOT/web/dist"
  cp "$AIO_BUILD/wasm/aio_sandbox.mjs" "$AIO_BUILD/wasm/aio_sandbox.wasm" "$AIO_ROOT/web/dist/"
}

# aio_browser_node_modules  -- installs tests/browser's npm dependencies (playwright-core) from its
# package-lock.json into tests/browser/node_modules (gitignored) when missing or out of date.
aio_browser_node_modules() {
  local dir="$AIO_ROOT/tests/browser"
  if [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    return 0
  fi
  aio_log "== npm ci in tests/browser =="
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
}

# aio_web_node_modules  -- installs web/'s npm dev dependencies (esbuild for the bundles, ajv for the
# schema test) from web/package-lock.json into web/node_modules (gitignored) when missing or out of date.
aio_web_node_modules() {
  local dir="$AIO_ROOT/web"
  if [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    return 0
  fi
  command -v npm >/dev/null || aio_ensure_deps browser
  aio_log "== npm ci in web =="
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
}

# aio_page_build  -- builds the sandbox page and widget into $AIO_BUILD/page (web/build.mjs): the
# wasm modules aio_sandbox_module (page), aio_sandbox_widget and aio_sandbox_python (the widget's,
# for C++/recipes and for Python, built for size), the page's module with pthreads
# (build/wasm-threads' aio_sandbox_module, loaded where the page is cross-origin isolated), web/'s
# npm dev dependencies (esbuild, from web/package-lock.json, into web/node_modules, gitignored) and
# the esbuild bundles. Prints the page's and the widget's gzipped size; fails over the widget's budget.
aio_page_build() {
  local dir="$AIO_ROOT/web"
  aio_build wasm aio_sandbox_module aio_sandbox_widget aio_sandbox_python || return 1
  aio_build wasm-threads aio_sandbox_module || return 1
  aio_web_node_modules || return 1
  AIO_BUILD_ROOT="$AIO_BUILD" node "$dir/build.mjs" --out "$AIO_BUILD/page" --wasm "$AIO_BUILD/wasm" \
    --wasm-threads "$AIO_BUILD/wasm-threads"
}

# aio_fuzz STEM SECONDS  -- runs build/fuzz/fuzz_STEM: first over the committed corpus
# tests/fuzz/corpus/STEM/ (every input once: the regressions), then fuzzing for SECONDS with
# tests/fuzz/STEM.dict if there is one. New inputs go to build/fuzz/corpus/STEM/ (not committed:
# tests/README.md "Fuzzing" says how to merge them), crashes to build/logs/fuzz/STEM-crash-*. Prints
# one line: inputs replayed, executions, exec/s, coverage (cov: edges, ft: features), corpus.
aio_fuzz() {
  local stem=$1 seconds=$2 bin="$AIO_BUILD/fuzz/fuzz_$1" seeds="$AIO_ROOT/tests/fuzz/corpus/$1"
  local work="$AIO_BUILD/fuzz/corpus/$1" log="$AIO_LOGS/fuzz/$1.log" dict=() rc=0
  mkdir -p "$work" "$AIO_LOGS/fuzz"
  [[ -f $AIO_ROOT/tests/fuzz/$stem.dict ]] && dict=(-dict="$AIO_ROOT/tests/fuzz/$stem.dict")
  local common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$AIO_LOGS/fuzz/$stem-" "${dict[@]}")
  local replayed; replayed=$(find "$seeds" -type f | wc -l)
  if ! "$bin" "${common[@]}" -runs=0 "$seeds" >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "$stem: FAILED replaying tests/fuzz/corpus/$stem/ (log: build/logs/fuzz/$stem.log)"
    return 1
  fi
  "$bin" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 "$work" "$seeds" >>"$log" 2>&1 || rc=$?
  if ((rc)); then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_)|Test unit written' "$log" | head -n 20
    echo "$stem: FAILED (exit $rc; reproduce: build/fuzz/fuzz_$stem <the test unit above>; log: build/logs/fuzz/$stem.log)"
    return 1
  fi
  local done_line runs rate
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  echo "$stem: replayed $replayed corpus inputs; fuzzed ${seconds}s: $runs executions ($rate/s)," \
       "$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' <<<"$done_line")"
}
