// Durability of the store's log (native): kill trials. Each trial starts host_store_writer (tests/
// host/store_writer.cpp, built next to aio_tests) writing transactions into one store, SIGKILLs it
// after a random (seeded) delay — inside a commit's write or fsync, a compaction, or the replay at
// open — then runs the verifier, which checks that every transaction the writer reported
// committed is there whole, nothing partial or uncommitted is visible, and new writes work; and
// that the file it replaces after each commit (files::write_text) holds the last reported
// content or a later one, whole.
// AIO_DURABILITY_TRIALS (default 100; 30 under ASan) trials share one store, so later ones replay
// and compact what earlier ones left. Node runs the same trials on the wasm build (tests/node/durability.test.mjs).
#ifndef __EMSCRIPTEN__

#include "stress_support.hpp"
#include "support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

extern char** environ;

namespace {

// Under AddressSanitizer every start of the writer and verifier is slow: fewer trials by default
// there (the plain native suites run 100).
#if defined(__SANITIZE_ADDRESS__)
constexpr double default_trials = 30;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double default_trials = 30;
#else
constexpr double default_trials = 100;
#endif
#else
constexpr double default_trials = 100;
#endif

std::string program_path() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return (ec ? std::filesystem::path(".") : exe.parent_path()) / "host_store_writer";
}

struct child {
    pid_t pid = -1;
    int out = -1;  // stdout and stderr
};

child start(const std::vector<std::string>& args) {
    int fds[2];
    child c;
    if (pipe2(fds, O_CLOEXEC) != 0) return c;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (posix_spawn(&c.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) c.pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    c.out = fds[0];
    return c;
}

// Reads `fd` into `text` until EOF, or until `ms` milliseconds passed (ms < 0: no limit).
void read_for(int fd, std::string& text, long ms) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    char buf[4096];
    for (;;) {
        int wait = -1;
        if (ms >= 0) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
            if (left.count() <= 0) return;
            wait = static_cast<int>(left.count());
        }
        pollfd p{fd, POLLIN, 0};
        int r = poll(&p, 1, wait);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) return;
        text.append(buf, static_cast<std::size_t>(n));
    }
}

// The last "<what> T" ("committed" or "file") among the complete lines of `text` (0 if none);
// `count` adds how many.
long last_reported(const std::string& text, long& count, const char* what = "committed %ld") {
    long last = 0;
    std::size_t at = 0;
    for (std::size_t nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1) {
        long t = 0;
        if (std::sscanf(text.c_str() + at, what, &t) == 1) {
            last = t;
            ++count;
        }
    }
    return last;
}

}  // namespace

TEST_CASE("durability: the writer SIGKILLed at random points; every reported commit survives whole",
          "[durability][stress]") {
    const long trials = static_cast<long>(aio_test::env_number("AIO_DURABILITY_TRIALS", default_trials));
    const std::uint64_t seed = aio_test::stress_seed();
    const std::string exe = program_path();
    REQUIRE(std::filesystem::exists(exe));
    char dir_template[] = "/tmp/aio-durability-XXXXXX";
    REQUIRE(mkdtemp(dir_template) != nullptr);
    const std::string dir = dir_template;
    const std::string path = dir + "/kill.db";
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<long> delay_ms(0, 80), early_ms(0, 40);

    long known = 0;  // the store is at least at this transaction (reported or verified)
    long known_file = 0;  // the file is at least at this transaction (reported)
    long reported_total = 0, files_total = 0, torn_tails = 0, no_commit = 0;
    for (long trial = 0; trial < trials; ++trial) {
        INFO("trial " << trial << " (replay with AIO_STRESS_SEED=" << seed << ")");
        // Most kills land while it commits (after "ready"); every 5th during start-up and replay.
        bool early = rng() % 5 == 0;
        long delay = early ? early_ms(rng) : delay_ms(rng);
        child w = start({exe, "write", path});
        REQUIRE(w.pid > 0);
        std::string out;
        if (!early) {
            for (int waited = 0; out.find("ready\n") == std::string::npos && waited < 600; ++waited)
                read_for(w.out, out, 50);
            REQUIRE(out.find("ready\n") != std::string::npos);
        }
        read_for(w.out, out, delay);
        kill(w.pid, SIGKILL);
        int status = 0;
        waitpid(w.pid, &status, 0);
        read_for(w.out, out, -1);
        close(w.out);
        INFO("writer output (tail): " << out.substr(out.size() > 400 ? out.size() - 400 : 0));
        REQUIRE(WIFSIGNALED(status));  // it was still writing when killed
        long reported = last_reported(out, reported_total);
        if (reported) known = reported;
        else ++no_commit;
        if (long file = last_reported(out, files_total, "file %ld")) known_file = file;

        child v = start({exe, "verify", path, std::to_string(known), std::to_string(known_file)});
        REQUIRE(v.pid > 0);
        std::string verdict;
        read_for(v.out, verdict, -1);
        close(v.out);
        waitpid(v.pid, &status, 0);
        INFO("verifier: " << verdict);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
        long last = 0;
        unsigned long long replayed = 0, discarded = 0;
        REQUIRE(std::sscanf(verdict.c_str(), "verified %ld (replayed %llu records, discarded %llu", &last, &replayed,
                            &discarded) == 3);
        if (discarded) ++torn_tails;
        known = last + 1;  // the verifier committed one more
    }
    std::filesystem::remove_all(dir);
    CHECK(reported_total > 0);
    CHECK(files_total > 0);
    aio_test::report("[durability] native: " + std::to_string(trials) + " SIGKILL trials survived (seed " +
                     std::to_string(seed) + "), " + std::to_string(reported_total) +
                     " reported commits and " + std::to_string(files_total) +
                     " reported file replacements all intact, store at transaction " + std::to_string(known) + ", " +
                     std::to_string(torn_tails) + " torn tails cut at reopen, " + std::to_string(no_commit) +
                     " runs killed before their first commit");
}

#endif  // __EMSCRIPTEN__
