# shellcheck shell=bash
# The `explore` suite of tools/test: schedule exploration (wasm/include/aio/schedule_explorer.hpp). Source
# it after common.sh; aio_explore_suite returns non-zero if anything failed.
#
#   1. the Catch2 suite without its [fifo] tests (they assert asyncio's FIFO order on purpose) and
#      without [stress] (minutes per seed; the stress suites run them once),
#      natively, under AIO_EXPLORE_SEEDS seeds (default 8) from AIO_EXPLORE_FIRST_SEED (default 1);
#   2. the same in wasm under Node for AIO_EXPLORE_WASM_SEEDS seeds (default 2);
#   3. every example program in wasm on the host-driven loop (aio::run hands the loop to Node's
#      event loop), on the virtual clock, under the wasm seeds: exit status 0, the same stderr as in FIFO order,
#      and the same lines as in FIFO order, in any order (task numbers and tick narration aside);
#   4. the failure report: a [fifo] test failing under a seed prints the command that replays it,
#      and that command (and AIO_SCHEDULE_RECORD's recording, replayed) fails the same way.
# Long soak: AIO_EXPLORE_SEEDS=500 ./tools/test --only explore
# Logs: build/logs/explore.*.log

# Examples doing real I/O need the demo server: tests/test_examples_io.cpp and the node suite.
AIO_EXPLORE_SKIP_EXAMPLES=" http files database "
# Blocking calls kept short, as tests/test_examples.cpp does.
aio_explore_example_args() {
  case $1 in
    to_thread) echo "blocking=0.1" ;;
    nested_sync_async) echo "blocking=0.05" ;;
    pitfalls) echo "blocking=0.15" ;;
  esac
}
# What must not depend on the schedule: the lines, sorted, with task numbers (semaphore), measured
# durations (pitfalls) and the per-tick narration (event_loop) taken out.
# Examples whose time stamps depend on which ready task runs first (pitfalls: the other task
# runs before or after bad_async blocks the virtual clock): compared without stamps.
AIO_EXPLORE_UNSTAMPED=" pitfalls "
aio_explore_view() {
  local unstamp='s/^//'
  [[ $AIO_EXPLORE_UNSTAMPED == *" ${1:-} "* ]] && unstamp='s/\[t=[0-9.]+s\] //'
  sed -E "$unstamp"'; s/Task [0-9]+/Task N/g; s/took [0-9.]+ seconds/took N seconds/; s/took [0-9]+x the time/took Nx the time/; s/(ready \[)[^]]*\] -> .*/\1...]/' | LC_ALL=C sort
}

# aio_explore_catch NAME SEED...  -- aio_tests of build/NAME under each seed.
aio_explore_catch() {
  local name=$1 seed rc failed=0 ok=0 log; shift
  aio_target_cmd "$name" aio_tests
  for seed in "$@"; do
    log="$AIO_LOGS/explore.$name.seed$seed.log"
    rc=0
    AIO_SCHEDULE_SEED=$seed timeout "${AIO_TEST_TIMEOUT:-900}" "${AIO_CMD[@]}" "~[fifo]~[stress]~[real]" --use-colour no >"$log" 2>&1 || rc=$?
    if ((rc)); then
      grep -E -A3 '^schedule exploration:|FAILED|LEAK' "$log" | head -n 40
      echo "explore: $name seed $seed FAILED (exit $rc; log: build/logs/$(basename "$log"))"
      failed=1
    else
      ok=$((ok + 1))
      rm -f "$log"
    fi
  done
  echo "explore: $name: the suite without its [fifo] tests passed under $ok of $# seed(s) ($*)"
  return "$failed"
}

# aio_explore_examples SEED...  -- every example program in wasm, host-driven, under each seed.
aio_explore_examples() {
  local f id seed failed=0 runs=0 want want_err got err args rc
  for f in "$AIO_ROOT"/examples/*.cpp; do
    id=$(basename "$f" .cpp)
    [[ $AIO_EXPLORE_SKIP_EXAMPLES == *" $id "* ]] && continue
    read -r -a args <<<"$(aio_explore_example_args "$id")"
    # What the FIFO run writes to stderr (e.g. to_thread's no-threads notice) is expected under
    # every seed too, in any order; anything else there is a finding.
    want_err="$AIO_LOGS/explore.example.$id.fifo.stderr"
    want=$(set -o pipefail; node "$AIO_BUILD/wasm/$id.js" --virtual "${args[@]}" 2>"$want_err" | aio_explore_view "$id") || {
      echo "explore: example $id fails even in FIFO order"; failed=1; continue
    }
    for seed in "$@"; do
      runs=$((runs + 1))
      err="$AIO_LOGS/explore.example.$id.seed$seed.stderr"
      rc=0
      got=$(AIO_SCHEDULE_SEED=$seed node "$AIO_BUILD/wasm/$id.js" --virtual "${args[@]}" 2>"$err") || rc=$?
      if ((rc)); then
        echo "explore: example $id seed $seed: exit status $rc"; grep error <<<"$got"; tail -n 3 "$err"
        failed=1
      elif [[ $(sort "$err") != "$(sort "$want_err")" ]]; then
        echo "explore: example $id seed $seed wrote other stderr than in FIFO order:"
        diff <(sort "$want_err") <(sort "$err") | head -n 5; failed=1
      elif [[ $(aio_explore_view "$id" <<<"$got") != "$want" ]]; then
        echo "explore: example $id seed $seed printed other lines than in FIFO order:"
        diff <(echo "$want") <(aio_explore_view "$id" <<<"$got") | head -n 10
        failed=1
      else
        rm -f "$err"
      fi
    done
  done
  echo "explore: $runs example run(s) in wasm (host-driven loop)"
  return "$failed"
}

# aio_explore_report_check  -- a failure names the seed, and the printed command replays it.
aio_explore_report_check() {
  local log="$AIO_LOGS/explore.report.log" command replay rc=0
  local test_name="timers with equal deadlines fire in FIFO order"
  aio_target_cmd native aio_tests
  AIO_SCHEDULE_SEED=1 AIO_SCHEDULE_RECORD="$AIO_LOGS/explore.recording.txt" \
    "${AIO_CMD[@]}" "$test_name" --use-colour no >"$log" 2>&1 && rc=0 || rc=$?
  command=$(grep -A1 '^schedule exploration: failed under AIO_SCHEDULE_SEED=1;' "$log" | tail -n 1)
  if ((rc == 0)) || [[ $command != "  AIO_SCHEDULE_SEED=1 aio_tests \"$test_name\"" ]]; then
    echo "explore: the [fifo] test '$test_name' did not fail under seed 1 with a replay command (log: $log)"
    return 1
  fi
  # The printed command, run: the same failure (the same wrong order).
  replay=$(AIO_SCHEDULE_SEED=1 "${AIO_CMD[@]}" "$test_name" --use-colour no 2>&1 | grep -A1 'with expansion' | tail -n 1)
  if [[ -z $replay || $replay != "$(grep -A1 'with expansion' "$log" | tail -n 1)" ]]; then
    echo "explore: replaying seed 1 did not reproduce the failure"; return 1
  fi
  # The recorded choices, replayed: the same failure again.
  if [[ $(AIO_SCHEDULE_REPLAY="@$AIO_LOGS/explore.recording.txt" "${AIO_CMD[@]}" "$test_name" --use-colour no 2>&1 |
          grep -A1 'with expansion' | tail -n 1) != "$replay" ]]; then
    echo "explore: replaying the recorded schedule did not reproduce the failure"; return 1
  fi
  echo "explore: a failure under seed 1 printed its replay command; the seed and the recording reproduce it"
}

aio_explore_suite() {
  local first=${AIO_EXPLORE_FIRST_SEED:-1} n=${AIO_EXPLORE_SEEDS:-8} nw=${AIO_EXPLORE_WASM_SEEDS:-2}
  local seeds=() wasm_seeds=() examples=() f id failed=0
  for ((i = 0; i < n; i++)); do seeds+=($((first + i))); done
  for ((i = 0; i < nw; i++)); do wasm_seeds+=($((first + i))); done
  for f in "$AIO_ROOT"/examples/*.cpp; do
    id=$(basename "$f" .cpp)
    [[ $AIO_EXPLORE_SKIP_EXAMPLES == *" $id "* ]] || examples+=("$id")
  done
  if ! aio_build native aio_tests; then echo "explore: native BUILD FAILED"; return 1; fi
  aio_explore_report_check || failed=1
  aio_explore_catch native "${seeds[@]}" || failed=1
  if ((nw)); then
    if ! aio_build wasm aio_tests "${examples[@]}"; then echo "explore: wasm BUILD FAILED"; return 1; fi
    aio_explore_catch wasm "${wasm_seeds[@]}" || failed=1
    aio_explore_examples "${wasm_seeds[@]}" || failed=1
  fi
  return "$failed"
}
