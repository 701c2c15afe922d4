// Catch2 main plus a listener that fails the run if any test leaves coroutine frames or tasks
// alive on the main thread after its loops are gone.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "aio/aio.hpp"

#include <cstdio>

namespace {
int leaking_tests = 0;

struct leak_listener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    long frames_at_start = 0;
    long tasks_at_start = 0;
    void testCaseStarting(const Catch::TestCaseInfo&) override {
        frames_at_start = aio::debug::live_frames();
        tasks_at_start = aio::debug::live_tasks();
    }
    void testCaseEnded(const Catch::TestCaseStats& stats) override {
        long frames = aio::debug::live_frames() - frames_at_start;
        long tasks = aio::debug::live_tasks() - tasks_at_start;
        if (frames != 0 || tasks != 0) {
            ++leaking_tests;
            std::fprintf(stderr, "LEAK in test '%s': %ld coroutine frame(s), %ld task(s) still alive\n",
                         stats.testInfo.name.c_str(), frames, tasks);
        }
    }
};
}  // namespace

CATCH_REGISTER_LISTENER(leak_listener)

int main(int argc, char** argv) {
    int failed = Catch::Session().run(argc, argv);
    if (leaking_tests) {
        std::fprintf(stderr, "%d test(s) leaked frames or tasks\n", leaking_tests);
        return failed ? failed : 1;
    }
    return failed;
}
