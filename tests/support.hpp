// Helpers shared by the test files.
// Note: never put co_await inside CHECK/REQUIRE: Catch2 may evaluate the expression twice (it
// is fine inside CHECK_THROWS*, which evaluates once).
#pragma once

#include "aio/aio.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef __EMSCRIPTEN__
#include <unistd.h>
#endif

namespace aio_test {

#ifndef __EMSCRIPTEN__
// A fresh folder under /tmp for a test's real files, removed with everything in it at the end.
struct temp_dir {
    std::string path;
    temp_dir() {
        char tmpl[] = "/tmp/aio-test-XXXXXX";
        char* p = ::mkdtemp(tmpl);
        if (!p) throw std::runtime_error("mkdtemp failed");
        path = p;
    }
    ~temp_dir() { std::system(("rm -rf '" + path + "'").c_str()); }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    std::string operator/(const std::string& name) const { return path + "/" + name; }
};
#endif

// Runs `main` with asyncio.run semantics on a fresh loop (the self-driven loop works the same in
// native and wasm builds), on the virtual clock unless told otherwise.
template <class T>
T run(aio::coro<T> main, aio::clock_kind clock = aio::clock_kind::virtual_time) {
    aio::event_loop loop({.clock = clock});
    return loop.run(std::move(main));
}

// Whether this run explores schedules (AIO_SCHEDULE_SEED / AIO_SCHEDULE_REPLAY, aio/schedule_explorer.hpp):
// checks of an exact interleaving then compare an order-insensitive form.
inline bool exploring() {
    static const bool on = aio::event_loop().explorer() != nullptr;
    return on;
}

// Collects what tasks print, in order, to compare whole sequences.
struct journal {
    std::vector<std::string> lines;
    void operator()(std::string line) { lines.push_back(std::move(line)); }
};

// Sleeps `delay` loop seconds, then returns `value`: work of a known length.
template <class T>
aio::coro<T> after(double delay, T value) {
    co_await aio::sleep(delay);
    co_return value;
}

// Sleeps `delay` loop seconds, then fails with std::runtime_error(message).
inline aio::coro<int> fail_after(double delay, std::string message = "failed") {
    co_await aio::sleep(delay);
    throw std::runtime_error(message);
}

// Lets every ready task run until it blocks (the virtual clock makes this exact).
inline aio::detail::sleep_awaiter settle() { return aio::sleep(0.001); }

inline std::uint64_t tick() { return aio::get_running_loop().ticks(); }

// What the task is suspended on, for the trace: "kind/label".
inline std::string wait_point(const aio::any_task& t) {
    auto w = aio::waiting_on(t);
    if (!w) return "none";
    return std::string(aio::to_string(w->kind)) + "/" + std::string(w->label);
}

// A loop whose unhandled-error reports are captured instead of printed.
struct captured_errors {
    std::vector<aio::error_context> errors;
    void attach(aio::event_loop& loop) {
        loop.set_exception_handler([this](const aio::error_context& c) { errors.push_back(c); });
    }
};

}  // namespace aio_test
