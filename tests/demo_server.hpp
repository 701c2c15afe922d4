// tools/demo_server.mjs on an ephemeral loopback port, started on first use by the native tests
// that need it and stopped when the process exits (also if it is killed: the server exits when
// its stdin closes).
#pragma once
#ifndef __EMSCRIPTEN__

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

extern char** environ;

namespace aio_test {

inline std::string repo_root() { return AIO_SOURCE_DIR; }  // defined by CMakeLists.txt for aio_tests

inline bool node_available() { return std::system("command -v node >/dev/null 2>&1") == 0; }

class demo_server {
public:
    static demo_server& get() {
        static demo_server server;
        return server;
    }
    const std::string& base() const { return base_; }
    bool running() const { return pid_ > 0 && !base_.empty(); }
    const std::string& problem() const { return problem_; }

    ~demo_server() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int status = 0;
            waitpid(pid_, &status, 0);
        }
        if (out_) std::fclose(out_);
        if (life_ >= 0) close(life_);
    }

private:
    demo_server() {
        if (!node_available()) {
            problem_ = "node is not installed: these tests need tools/demo_server.mjs";
            return;
        }
        // fds: the server's stdout (its port line); life: its stdin, whose write end only this
        // process holds, so the server exits (--exit-with-stdin) even if this process is killed.
        int fds[2], life[2];
        if (pipe2(fds, O_CLOEXEC) != 0 || pipe2(life, O_CLOEXEC) != 0) {
            problem_ = "pipe() failed";
            return;
        }
        std::string script = repo_root() + "/tools/demo_server.mjs";
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, life[0], STDIN_FILENO);
        const char* argv[] = {"node", script.c_str(), "--port", "0", "--exit-with-stdin", nullptr};
        int rc = posix_spawnp(&pid_, "node", &actions, nullptr, const_cast<char* const*>(argv), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        close(life[0]);
        life_ = life[1];
        if (rc != 0) {
            pid_ = 0;
            close(fds[0]);
            problem_ = "could not start node";
            return;
        }
        out_ = fdopen(fds[0], "r");
        char line[256] = {};
        unsigned port = 0;
        if (!out_ || !std::fgets(line, sizeof line, out_) ||
            std::sscanf(line, "listening on http://127.0.0.1:%u/", &port) != 1) {
            problem_ = std::string("demo server did not report its port: ") + line;
            return;
        }
        base_ = "http://127.0.0.1:" + std::to_string(port);
    }

    pid_t pid_ = 0;
    int life_ = -1;
    FILE* out_ = nullptr;
    std::string base_;
    std::string problem_;
};

// The demo server's base URL for a test case that needs it. Without node the case is skipped with
// a warning, except under ./tools/test (AIO_REQUIRE_NODE=1), where a missing prerequisite fails.
inline std::optional<std::string> demo_server_or_skip() {
    demo_server& s = demo_server::get();
    if (!node_available() && !std::getenv("AIO_REQUIRE_NODE")) {
        WARN("skipped: " << s.problem());
        return std::nullopt;
    }
    INFO(s.problem());
    REQUIRE(s.running());
    return s.base();
}

}  // namespace aio_test

#endif
