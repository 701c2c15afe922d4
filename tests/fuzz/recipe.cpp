// Fuzzes task recipes (wasm/sandbox/recipe.cpp): any bytes either parse into a valid recipe or
// fail with a recipe_error naming a path and a reason. A valid recipe then runs briefly through
// the interpreter on a virtual clock under tight limits: it must end (value, error, limit or
// deadlock), stay within those limits, and leave no coroutine frame or task alive. Store and file
// steps work on a fresh temporary storage folder per input (removed after it), with tight write limits.
#include "interpreter.hpp"
#include "recipe.hpp"

#include "aio/aio.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include <unistd.h>

namespace {

using namespace aio::sandbox;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_recipe: %s\n", what);
    std::abort();
}

limits tight() {
    limits b;
    b.max_tasks = 64;
    b.max_steps = 2000;
    b.max_repeat = 100;
    b.max_duration = 60;
    b.max_cpu_ms = 50;
    b.max_output_lines = 50;
    b.max_recipe_bytes = 1 << 16;
    b.max_value_bytes = 1024;
    b.max_written_bytes = 8192;
    return b;
}

struct run_counts {
    std::size_t tasks = 0, steps = 0, lines = 0;
};

// A fresh folder for one input's store and files, removed with everything in it afterwards.
struct temp_folder {
    std::string path;
    temp_folder() {
        char name[] = "/tmp/fuzz-recipe-XXXXXX";
        if (!::mkdtemp(name)) fail("mkdtemp failed");
        path = name;
    }
    ~temp_folder() { std::system(("rm -rf '" + path + "'").c_str()); }
};

aio::coro<void> interpret(const recipe& r, run_counts& counts) {
    temp_folder folder;
    storage data(folder.path);
    interpreter in(r, [&](std::string_view) { ++counts.lines; }, &data);
    struct copy_out {  // also when run() throws
        interpreter& in;
        run_counts& counts;
        ~copy_out() {
            counts.tasks = in.tasks_created();
            counts.steps = in.steps_executed();
        }
    } guard{in, counts};
    co_await in.run();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const limits bounds = tight();
    std::optional<recipe> r;
    try {
        r = parse_recipe(text, bounds, {}, {"/fuzz-storage"});  // the folder is made only if a run needs it
    } catch (const recipe_error& e) {
        if (e.path().empty() || e.path()[0] != '$' || e.reason().empty()) fail("a recipe_error without a path or reason");
        return 0;
    }
    const long frames = aio::debug::live_frames(), tasks = aio::debug::live_tasks();
    run_counts counts;
    {
        aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
        try {
            loop.run(interpret(*r, counts));
        } catch (...) {
            // A recipe may fail in every way a program can (raise, limits, deadlock, cancellation):
            // that is its result, not a defect. Crashes, hangs and leaks are.
        }
        if (loop.time() > bounds.max_duration * 3 + 1) fail("the run went far past max_duration");
    }
    if (counts.steps > bounds.max_steps + 1) fail("more steps than max_steps");
    if (counts.tasks > bounds.max_tasks + 1) fail("more tasks than max_tasks");
    if (counts.lines > bounds.max_output_lines + 1) fail("more output lines than max_output_lines");
    if (aio::debug::live_frames() != frames || aio::debug::live_tasks() != tasks) fail("frames or tasks left alive");
    return 0;
}
