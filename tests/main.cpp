// Catch2 main plus a listener that fails the run if any test leaves coroutine frames or tasks
// alive on the main thread after its loops are gone, and one for schedule exploration.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "aio/aio.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

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

namespace {

// Schedule exploration (AIO_SCHEDULE_SEED / AIO_SCHEDULE_REPLAY, aio/schedule_explorer.hpp): a failure
// says which schedule it ran under and how to replay the test alone (every loop starts the
// environment's schedule from its first choice, so the test alone fails the same way).
// A test name as a Catch2 test spec: ',' '[' ']' are special there.
std::string escaped(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == ',' || c == '[' || c == ']') out += '\\';
        out += c;
    }
    return out;
}

struct schedule_listener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    bool reported = false;
    std::string test_name;
    std::vector<std::string> sections;  // the section path of the current run
    void testCaseStarting(const Catch::TestCaseInfo& info) override {
        test_name = info.name;
        reported = false;
    }
    void sectionStarting(const Catch::SectionInfo& info) override { sections.push_back(info.name); }
    void sectionEnded(const Catch::SectionStats&) override { sections.pop_back(); }
    bool assertionEnded(const Catch::AssertionStats& stats) override {
        if (!stats.assertionResult.isOk() && !reported) report();
        return true;
    }
    void report() {
        auto explorer = aio::latest_environment_schedule();
        if (!explorer) return;
        reported = true;
        std::string how = explorer->describe();
        if (how.size() > 200) how = "AIO_SCHEDULE_REPLAY=<its recording>";
        std::string command = how + " aio_tests \"" + escaped(test_name) + "\"";
        for (std::size_t i = 1; i < sections.size(); ++i) command += " -c \"" + sections[i] + "\"";  // [0]: the test
        std::fprintf(stderr, "schedule exploration: failed under %s; replay it alone with\n  %s\n", how.c_str(),
                     command.c_str());
        if (const char* file = std::getenv("AIO_SCHEDULE_RECORD"); file && *file) {
            if (std::FILE* out = std::fopen(file, "w")) {
                std::fprintf(out, "%s\n", explorer->recording().c_str());
                std::fclose(out);
                std::fprintf(stderr, "  the loop's %zu choices so far are in %s: AIO_SCHEDULE_REPLAY=@%s replays them\n",
                             explorer->choices(), file, file);
            }
        }
    }
};

}  // namespace

CATCH_REGISTER_LISTENER(schedule_listener)

int main(int argc, char** argv) {
    int failed = Catch::Session().run(argc, argv);
    if (leaking_tests) {
        std::fprintf(stderr, "%d test(s) leaked frames or tasks\n", leaking_tests);
        return failed ? failed : 1;
    }
    return failed;
}
