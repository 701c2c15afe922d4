// aio::faults on the HTTP client. The hook runs before the transfer, so these cases never reach
// the network: they run in every build (also the wasm suite's self-driven loop, where a real
// fetch could not).
#include "aio/faults.hpp"
#include "aio/http.hpp"
#include "support.hpp"

#include <string>

namespace http = aio::http;

TEST_CASE("faults: injected HTTP failures are connection errors that retries see", "[faults][http]") {
    auto main = []() -> aio::coro<void> {
        aio::faults::scope broken(aio::faults::target::http, {.error_rate = 1.0});
        http::client_session session({.base_url = "http://127.0.0.1:9", .retries = 2, .backoff = 0.5});
        double t0 = aio::time();
        std::string message;
        try {
            co_await session.get("/never");
        } catch (const http::connection_error& e) {
            message = e.what();
        }
        CHECK(message == "injected fault (http): GET http://127.0.0.1:9/never");
        CHECK(aio::faults::stats(aio::faults::target::http).failed == 3);
        CHECK(aio::time() - t0 == Approx(1.5));  // backoff 0.5 + 1.0, exact on the virtual clock
    };
    aio_test::run(main());
}

TEST_CASE("faults: latency counts inside the request timeout; hangs end in timeout_error", "[faults][http]") {
    auto main = []() -> aio::coro<void> {
        http::client_session session({.base_url = "http://127.0.0.1:9", .timeout = 1.0});
        {
            aio::faults::scope slow(aio::faults::target::http, {.latency = 3.0});
            double t0 = aio::time();
            CHECK_THROWS_AS(co_await session.get("/slow"), http::timeout_error);
            CHECK(aio::time() - t0 == Approx(1.0));
        }
        {
            aio::faults::scope hang(aio::faults::target::http, {.hang_rate = 1.0});
            double t0 = aio::time();
            http::client_session forever({.base_url = "http://127.0.0.1:9", .timeout = std::nullopt});
            CHECK_THROWS_AS(co_await aio::wait_for(forever.get("/hang"), 2.5),
                            aio::timeout_error);
            CHECK(aio::time() - t0 == Approx(2.5));
        }
    };
    aio_test::run(main());
}

TEST_CASE("faults: the seeded RNG gives the same pattern every time; scopes restore", "[faults]") {
    auto pattern = [] {
        std::string out;
        aio::faults::scope s(aio::faults::target::storage, {.error_rate = 0.3, .seed = 2024});
        aio_test::run([](std::string& o) -> aio::coro<void> {
            for (int i = 0; i < 40; ++i) {
                auto f = co_await aio::faults::before(aio::faults::target::storage, "op");
                o += f ? 'x' : '.';
            }
        }(out));
        return out;
    };
    std::string a = pattern();
    std::string b = pattern();
    CHECK(a == b);
    CHECK(a.find('x') != std::string::npos);
    CHECK(a.find('.') != std::string::npos);
    CHECK_FALSE(aio::faults::get(aio::faults::target::storage).active());
}
