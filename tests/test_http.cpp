// aio::http natively (libcurl backend) against tools/demo_server.mjs, which this file starts
// itself (`node tools/demo_server.mjs --port 0`) and stops at exit. Skipped with a warning if
// node is not installed. The wasm (fetch) backend runs the same cases in the Node harness
// (tests/host/http.cpp, tests/node/http.test.mjs): the Catch2 wasm build drives its own loop and
// cannot serve host fetch.
#ifndef __EMSCRIPTEN__

#include "http_cases.hpp"
#include "support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

extern char** environ;

namespace {

std::string repo_root() {
    std::string file = __FILE__;  // .../tests/test_http.cpp
    auto slash = file.rfind('/');
    if (slash == std::string::npos) return ".";
    file.resize(slash);  // .../tests
    slash = file.rfind('/');
    return slash == std::string::npos ? "." : file.substr(0, slash);
}

bool node_available() { return std::system("command -v node >/dev/null 2>&1") == 0; }

// The demo server, started on first use and stopped when the process exits.
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
            problem_ = "node is not installed: the HTTP tests need tools/demo_server.mjs";
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

// A loopback port nobody listens on (bound, then closed).
int closed_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    close(fd);
    return port;
}

// The server's base URL, or nullopt after a WARN when node is absent (a real start failure fails).
std::optional<std::string> server_or_skip() {
    demo_server& s = demo_server::get();
    if (!node_available()) {
        WARN("skipped: " << s.problem());
        return std::nullopt;
    }
    INFO(s.problem());
    REQUIRE(s.running());
    return s.base();
}

// Runs a case on a real-clock loop; case_failed becomes a test failure with its message.
void run_case(aio::coro<void> c) {
    try {
        aio_test::run(std::move(c), aio::clock_kind::real);
    } catch (const http_cases::case_failed& e) {
        FAIL(e.what());
    }
}

void print(const std::string& line) { UNSCOPED_INFO(line); }

}  // namespace

TEST_CASE("http: json(), methods, headers, bodies, base URL", "[http]") {
    auto base = server_or_skip();
    if (!base) return;
    run_case(http_cases::basics(*base, print));
}

TEST_CASE("http: 1,000 requests with at most 50 in flight", "[http]") {
    auto base = server_or_skip();
    if (!base) return;
    run_case(http_cases::concurrency(*base, print));
}

TEST_CASE("http: a timeout aborts the request with timeout_error", "[http]") {
    auto base = server_or_skip();
    if (!base) return;
    run_case(http_cases::timeout(*base, print));
}

TEST_CASE("http: retries with backoff against a flaky endpoint", "[http]") {
    auto base = server_or_skip();
    if (!base) return;
    run_case(http_cases::retries(*base, print, "native-" + std::to_string(getpid()) + "-"));
}

TEST_CASE("http: cancelling the task aborts the transfer; the server sees it", "[http]") {
    auto base = server_or_skip();
    if (!base) return;
    run_case(http_cases::abort(*base, print));
}

TEST_CASE("http: connection refused, bad URLs, status errors", "[http]") {
    auto base = server_or_skip();
    if (!base) return;
    run_case(http_cases::errors(*base, print, closed_port()));
}

TEST_CASE("http: a pending request keeps the loop waiting (no deadlock report)", "[http]") {
    auto base = server_or_skip();
    if (!base) return;
    auto status = aio_test::run(
        [](std::string b) -> aio::coro<int> {
            // Nothing else is scheduled: only the transfer's hold keeps the loop alive.
            aio::http::client_session session({.base_url = b});
            auto r = co_await session.get("/delay?ms=100");
            co_return r.status;
        }(*base),
        aio::clock_kind::real);
    CHECK(status == 200);
}

#endif  // __EMSCRIPTEN__
