// Running a loop: run_until_complete (the loop drives itself until a future is done), run (the
// asyncio.run lifecycle on one loop), aio::run (asyncio.run) and aio::run_main (a program's main).
#pragma once

#include "aio/task.hpp"

#include <type_traits>

namespace aio {

template <class T>
T event_loop::run_until_complete(const future<T>& f) {
    if (!f.valid()) throw invalid_state_error("run_until_complete: empty future handle");
    run_until_done(*f.core());
    return f.result();
}

template <class T>
T event_loop::run_until_complete(const task<T>& t) {
    if (!t.valid()) throw invalid_state_error("run_until_complete: empty task handle");
    run_until_done(*t.core());
    return t.result();
}

template <class T>
T event_loop::run_until_complete(coro<T> c) {
    if (detail::this_thread.running_loop)
        throw nested_run_error("run_until_complete() cannot be called from a running event loop");
    return run_until_complete(create_task(std::move(c)));
}

template <class T>
T event_loop::run(coro<T> main) {
    if (detail::this_thread.running_loop)
        throw nested_run_error("event_loop::run() cannot be called from a running event loop");
    task<T> t = create_task(std::move(main));
    struct shutdown {
        event_loop& loop;
        ~shutdown() { loop.shutdown_after_run(); }
    } at_exit{*this};
    run_until_done(*t.core());
    return t.result();
}

namespace detail {
// wasm (host_js.cpp): true on the main runtime thread, where aio::run_main hands the loop to the
// host; false on pthread workers and inside a to_thread fallback (thread_pool.cpp), where it
// drives its own loop.
bool use_host_loop();
bool in_thread_fallback();
// thread_pool.cpp: aio::run inside a to_thread that fell back to the loop thread of a virtual
// clock loop (a simulated thread, aio/thread.hpp) runs its loop on the virtual clock too, and the
// time that loop took counts as the call's simulated thread time.
loop_options options_for_run(loop_options options);
void account_run(const event_loop& loop);
// wasm: hands the loop to the host and exits the process with `exit_status()` once main and
// everything it left behind are done. Never returns.
[[noreturn]] void run_in_host(event_loop& loop, any_task main, std::function<int()> exit_status);

template <class T>
int exit_status_of(const task<T>& main) {
    try {
        if constexpr (std::is_convertible_v<T, int>) {
            return static_cast<int>(main.result());
        } else {
            main.result();
            return 0;
        }
    } catch (const cancelled_error&) {
        std::fprintf(stderr, "aio: main was cancelled\n");
    } catch (...) {
        std::fprintf(stderr, "aio: main failed: %s\n", describe(std::current_exception()).c_str());
    }
    return 1;
}
}  // namespace detail

// asyncio.run(main()): creates a loop, runs main to completion, cancels and awaits what is left,
// waits for its to_thread calls (event_loop::shutdown_default_executor), closes the loop and
// returns main's value (or rethrows its exception). The loop drives itself inside the call, on
// every host. In wasm on the main runtime thread that blocks the JS thread while it runs, so host
// I/O (JS promises, fetch, storage) cannot complete inside it: an await of such work with nothing
// else to do throws deadlock_error (a build without threads; with threads it waits forever).
// Timers, tasks, primitives and to_thread work as natively. A program's main() uses run_main.
template <class T>
T run(coro<T> main, loop_options options = {}) {
    if (detail::this_thread.running_loop)
        throw nested_run_error("aio::run() cannot be called from a running event loop");
    event_loop loop(detail::options_for_run(with_environment_clock(options)));
    struct account {
        event_loop& loop;
        ~account() { detail::account_run(loop); }
    } at_exit{loop};
    return loop.run(std::move(main));
}

// The program entry point: `int main() { return aio::run_main(amain()); }`.
// Natively (and on a pthread worker, or in a function that to_thread runs on the loop thread of a
// host without threads) it is aio::run. In wasm on the main runtime thread it hands control to the
// host's event loop, so host I/O works: main() of the program returns to the browser/Node, and
// once main and everything it left behind are done the process exits with main's status (its
// value if it converts to int, 0 otherwise, 1 if it failed). It never returns there: make it the
// last statement of main().
template <class T>
T run_main(coro<T> main, loop_options options = {}) {
    if (detail::this_thread.running_loop)
        throw nested_run_error("aio::run_main() cannot be called from a running event loop");
#ifdef __EMSCRIPTEN__
    if (detail::use_host_loop()) {
        auto* loop = new event_loop(with_environment_clock(options));  // lives until the process exits
        task<T> t = loop->create_task(std::move(main), "main");
        detail::run_in_host(*loop, t, [t] { return detail::exit_status_of(t); });
    }
#endif
    return run(std::move(main), options);
}

}  // namespace aio
