// The HTTP cases (tests/http_cases.hpp) on the wasm fetch backend, for tests/node/http.test.mjs.
// Usage: node host_http.js CASE BASE_URL [CLOSED_PORT]   (the harness starts tools/demo_server.mjs)
//        node host_http.js storm BASE_URL TOTAL          (TOTAL requests at once, every 10th dropped)
// Prints what the case logs; exits 0 if it passed, 1 with "case failed: ..." on stderr if not.
#include "../http_cases.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void print(const std::string& line) { std::printf("%s\n", line.c_str()); }

aio::coro<int> run_case(std::string name, std::string base, int closed_port) {
    if (name == "basics") co_await http_cases::basics(base, print);
    else if (name == "concurrency") co_await http_cases::concurrency(base, print);
    else if (name == "timeout") co_await http_cases::timeout(base, print);
    else if (name == "retries") co_await http_cases::retries(base, print, "wasm-" + std::to_string(closed_port) + "-");
    else if (name == "abort") co_await http_cases::abort(base, print);
    else if (name == "body_limit") co_await http_cases::body_limit(base, print);
    else if (name == "errors") co_await http_cases::errors(base, print, closed_port);
    else if (name == "storm") co_await http_cases::storm(base, print, closed_port, 10, "wasm-" + std::to_string(closed_port) + "-" + std::to_string(static_cast<long>(http_cases::now_s() * 1000)));
    else if (name == "busy_loop") co_await http_cases::busy_loop(base, print);
    else if (name == "allow_list") co_await http_cases::allow_list(base, print, closed_port);
    else if (name == "pending") {
        // Only the fetch keeps the loop busy: no deadlock report while it is in flight.
        aio::http::client_session session({.base_url = base});
        auto r = co_await session.get("/delay?ms=100");
        print("status " + std::to_string(r.status));
    } else {
        std::fprintf(stderr, "unknown case %s\n", name.c_str());
        co_return 2;
    }
    print("case passed");
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: host_http CASE BASE_URL [CLOSED_PORT]\n");
        return 2;
    }
    return aio::run_main(run_case(argv[1], argv[2], argc > 3 ? std::atoi(argv[3]) : 0));
}
