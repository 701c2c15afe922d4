// The examples catalog: every tutorial example is a coroutine registered here with its id and
// parameters, so the same code runs as its own program (native or wasm), in the test suite, and
// in the sandbox. Titles, the Python originals and which tutorial snippets each one covers are in
// examples/catalog.json.
#pragma once

#include "aio/aio.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aio_examples {

class context;

// How the sandbox checks a value given from outside (wasm/sandbox/example_params.hpp):
// automatic: a number if the default is one, else text; count: tasks or items the example makes
// (bounded by the sandbox's limits); path: a file or folder it writes (kept in its storage folder).
enum class param_kind : std::uint8_t { automatic, count, path };

struct param_spec {
    std::string name;
    std::string default_value;
    std::string help;
    param_kind kind = param_kind::automatic;
};

struct example_info {
    std::string id;
    // An example is a coroutine run on a loop made for it...
    aio::coro<void> (*main)(context&) = nullptr;
    // ...or (explicit loop management) a plain function that makes its own loops.
    void (*sync_main)(context&) = nullptr;
    std::vector<param_spec> params;
};

// What an example sees: its parameters, and an output that the program, a test or the sandbox
// reads line by line.
class context {
public:
    context(const example_info& info, std::map<std::string, std::string> overrides, aio::loop_options options,
            std::function<void(std::string_view)> out);

    void print(std::string_view line);
    template <class... A>
    void printf(const char* format, A... args) {
        char line[512];
        std::snprintf(line, sizeof line, format, args...);
        print(line);
    }
    // A line stamped with the loop time since the example started: "[t=1.00s] text".
    void log(std::string_view text);

    double number(std::string_view name) const;
    int integer(std::string_view name) const;
    std::string text(std::string_view name) const;

    // For examples that make their own loop: the clock the caller chose.
    aio::loop_options options() const { return options_; }
    // The loop time the example started at (log() measures from here).
    void set_start(double loop_time) { start_ = loop_time; }
    double start() const { return start_; }

private:
    const std::string& raw(std::string_view name) const;
    const example_info& info_;
    std::map<std::string, std::string> values_;
    aio::loop_options options_;
    std::function<void(std::string_view)> out_;
    double start_ = 0;
};

std::vector<const example_info*>& catalog();
const example_info* find(std::string_view id);

struct registration {
    explicit registration(const example_info& info) { catalog().push_back(&info); }
};

struct run_settings {
    std::map<std::string, std::string> params;
    aio::loop_options options{};
    std::function<void(std::string_view)> out;  // default: stdout
};

// Runs an example to completion on a loop that drives itself; returns 0, or 1 after printing
// "error: ..." if it failed. (Programs in wasm use the host-driven form in lib/main.cpp.)
int run(const example_info& info, run_settings settings);
// The coroutine form, for a caller that already runs a loop (aio::run in a program, the
// sandbox); only for examples with a coroutine `main`.
aio::coro<int> run_async(const example_info& info, context& ctx);

}  // namespace aio_examples

#define AIO_EXAMPLE_CONCAT2(a, b) a##b
#define AIO_EXAMPLE_CONCAT(a, b) AIO_EXAMPLE_CONCAT2(a, b)
// Registers an example_info object with the catalog.
#define AIO_REGISTER_EXAMPLE(info) \
    static ::aio_examples::registration AIO_EXAMPLE_CONCAT(aio_example_registration_, __LINE__)(info)
