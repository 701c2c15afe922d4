// W7 HTTP: N GET requests of a server's /json, at most 100 in flight (100 tasks taking the next
// request until none is left), over aio::http: libcurl's multi interface natively, the host's
// fetch in wasm. -> requests per second; tools/bench compares it with the same shape on plain
// Node fetch and on a bare libcurl multi loop (tests/bench/peers/node|curl/w7_http.*).
//
//   bench_w7_http [N] [--warmup K] --url http://127.0.0.1:PORT   (tools/demo_server.mjs)
#include "bench.hpp"

#include "aio/http.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int in_flight = 100;

struct totals {
    long next = 0;  // requests handed out
    std::size_t bytes = 0;
};

// wasm: host setTimeout calls so far (Module.aioTimersArmed, wasm/src/host_js.cpp); -1 natively.
long host_timers_armed() {
#ifdef __EMSCRIPTEN__
    return EM_ASM_INT({ return Module.aioTimersArmed === undefined ? -1 : Module.aioTimersArmed; });
#else
    return -1;
#endif
}

aio::coro<void> client(aio::http::client_session& session, long n, totals& t) {
    while (t.next < n) {
        ++t.next;
        aio::http::response r = co_await session.get("/json");
        if (r.status != 200) throw std::runtime_error("GET /json: status " + std::to_string(r.status));
        t.bytes += r.text().size();
    }
}

aio::coro<double> fetch_all(aio::http::client_session& session, long n, totals& t) {
    double start = bench::now();
    std::vector<aio::task<void>> clients;
    for (int i = 0; i < in_flight; ++i) clients.push_back(aio::create_task(client(session, n, t)));
    co_await aio::gather(clients);
    co_return bench::now() - start;
}

aio::coro<int> amain(bench::options o) {
    if (!o.url) {
        std::fprintf(stderr, "usage: bench_w7_http [N] [--warmup K] --url http://127.0.0.1:PORT\n");
        co_return 2;
    }
    aio::http::client_session session({.base_url = o.url, .timeout = 60.0});
    for (int i = 0; i < o.warmup; ++i) {
        totals warm;
        co_await fetch_all(session, o.n, warm);
    }
    totals t;
    long armed_before = host_timers_armed();
    double s = co_await fetch_all(session, o.n, t);
    long host_timers = armed_before < 0 ? -1 : host_timers_armed() - armed_before;
    std::printf("%s W7 HTTP: %ld requests (%d in flight, %zu body bytes) in %.1f ms = %.0f requests/s\n",
                bench::target(), o.n, in_flight, t.bytes, s * 1e3, static_cast<double>(o.n) / s);
    std::printf("BENCH {\"w\":\"W7\",\"n\":%ld,\"seconds\":%.9f,\"host_timers\":%ld,\"loop\":\"%s\"}\n", o.n, s,
                host_timers, bench::target()[0] == 'w' ? "host" : "self");
    co_return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::options o = bench::parse(argc, argv, 1'000);
#ifdef __EMSCRIPTEN__
    o.host = true;  // fetch completes through the host's event loop: only aio::run_main can wait for it
#endif
    return bench::start(amain(o), o.host);
}
