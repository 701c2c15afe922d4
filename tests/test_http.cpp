// aio::http natively (libcurl backend) against tools/demo_server.mjs, which this file starts
// itself (`node tools/demo_server.mjs --port 0`) and stops at exit. Skipped with a warning if
// node is not installed (failed under ./tools/test, which sets AIO_REQUIRE_NODE). The wasm (fetch) backend runs the same cases in the Node harness
// (tests/host/http.cpp, tests/node/http.test.mjs): the Catch2 wasm build drives its own loop and
// cannot serve host fetch.
#ifndef __EMSCRIPTEN__

#include "demo_server.hpp"
#include "http_cases.hpp"
#include "stress_support.hpp"
#include "support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>

extern char** environ;

namespace {


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

using aio_test::demo_server_or_skip;

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

TEST_CASE("http: on the virtual clock a silent server's request still times out", "[http][virtual]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    try {
        aio_test::run(http_cases::silent_server(*base, print), aio::clock_kind::virtual_time);
    } catch (const http_cases::case_failed& e) {
        FAIL(e.what());
    }
}

TEST_CASE("http: json(), methods, headers, bodies, base URL", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::basics(*base, print));
}

TEST_CASE("http: 1,000 requests with at most 50 in flight", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::concurrency(*base, print));
}

TEST_CASE("http: a timeout aborts the request with timeout_error", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::timeout(*base, print));
}

TEST_CASE("http: retries with backoff against a flaky endpoint", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::retries(*base, print, "native-" + std::to_string(getpid()) + "-"));
}

TEST_CASE("http: cancelling the task aborts the transfer; the server sees it", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::abort(*base, print));
}

TEST_CASE("http: a body over max_body_bytes aborts the transfer with body_too_large_error", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::body_limit(*base, print));
}

TEST_CASE("http: connection refused, bad URLs, status errors", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::errors(*base, print, closed_port()));
}

// Raises the soft open-file limit to the hard one; returns how many sockets this process may open
// (leaving room for the test's other descriptors).
static long socket_budget() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1000;
    if (lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
        getrlimit(RLIMIT_NOFILE, &lim);
    }
    return static_cast<long>(lim.rlim_cur == RLIM_INFINITY ? 1'000'000 : lim.rlim_cur) - 200;
}

TEST_CASE("http: 10,000 requests in flight at once, the server dropping every 10th connection",
          "[http][stress]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    long want = aio_test::scaled(10'000);
    long total = std::min(want, socket_budget());
    if (total < want) WARN("open-file limit: " << total << " requests at once instead of " << want);
    auto figures = [](const std::string& line) { aio_test::report("[stress] http storm: " + line); };
    run_case(http_cases::storm(*base, figures, static_cast<int>(total), 10,
                               "native-" + std::to_string(getpid()) + "-" + std::to_string(total)));
}

TEST_CASE("http: an origin allow-list, redirects checked hop by hop", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::allow_list(*base, print, closed_port()));
}

TEST_CASE("http: a loop busy with ready work still gets its responses", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    run_case(http_cases::busy_loop(*base, print));
}

// An idle loop waits for a transfer in curl_multi_poll alone: the timer that drives curl while the
// loop is busy is dropped for the wait. It used to end the wait every 2 ms: about 250 loop ticks
// for this half-second response, against the 6 the transfer's own events make (the same for a
// 200 ms or a 1 s response), so the bound below does not depend on how fast the machine is.
TEST_CASE("http: an idle loop waiting for a response is woken by the transfer, not by a timer", "[http]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    aio::event_loop loop({.clock = aio::clock_kind::real});
    int ticks = 0;
    loop.set_trace([&](const aio::trace_event& e) {
        if (e.kind == aio::trace_kind::tick_begin) ++ticks;
    });
    int status = loop.run([](std::string b) -> aio::coro<int> {
        aio::http::client_session session({.base_url = b});
        co_return (co_await session.get("/delay?ms=500")).status;
    }(*base));
    CHECK(status == 200);
    CHECK(ticks <= 20);
}

// The loop waits in curl_multi_poll while a transfer is out: a post from another thread reaches
// it there (curl_multi_wakeup; curl's own ~200 ms timers would end the wait too, so this checks
// the delivery, not its latency). The post cancels a request the server would answer only after
// 10 s: the request ends cancelled, its transfer aborted.
TEST_CASE("http: call_soon_threadsafe reaches a loop waiting for a transfer (virtual clock)", "[http][virtual]") {
    auto base = demo_server_or_skip();
    if (!base) return;
    auto outcome = aio_test::run(
        [](std::string b) -> aio::coro<std::string> {
            aio::http::client_session session({.base_url = b});
            auto get = [&]() -> aio::coro<int> { co_return (co_await session.get("/delay?ms=10000")).status; };
            aio::task<int> request = aio::create_task(get());
            aio::event_loop& loop = aio::get_running_loop();
            // Only the loop's thread touches the task handle (its count is not atomic).
            aio::task<int>* pending = &request;
            std::thread poster([&loop, pending] {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                loop.call_soon_threadsafe([pending] { pending->cancel(); });
            });
            std::string what;
            try {
                what = "finished with status " + std::to_string(co_await request);
            } catch (const aio::cancelled_error&) {
                what = "cancelled";
            }
            poster.join();
            co_return what;
        }(*base),
        aio::clock_kind::virtual_time);
    CHECK(outcome == "cancelled");
}

TEST_CASE("http: a pending request keeps the loop waiting (no deadlock report)", "[http]") {
    auto base = demo_server_or_skip();
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
