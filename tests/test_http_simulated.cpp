// aio::http's simulated network (http_simulated.cpp): on a loop that simulates it, origins off the
// allow-list are answered deterministically and labelled; allowed origins, and loops that do not
// simulate, behave as before. No server is involved, so this runs natively and in wasm alike.
#include "support.hpp"

#include "aio/http.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace http = aio::http;

namespace {

struct simulated_loop {  // restriction and simulation lifted whatever way the case ends
    aio::event_loop& loop;
    simulated_loop(aio::event_loop& l, bool simulate) : loop(l) {
        http::restrict_origins(loop, http::allow_list({"http://127.0.0.1:*"}));
        http::simulate_network(loop, simulate);
    }
    ~simulated_loop() {
        http::restrict_origins(loop, std::nullopt);
        http::simulate_network(loop, false);
    }
};

}  // namespace

TEST_CASE("http: the simulated network answers off-list origins, deterministically and labelled", "[http][simulated]") {
    std::vector<std::string> logs;
    aio_test::run([&]() -> aio::coro<void> {
        auto& loop = aio::get_running_loop();
        loop.set_log_handler([&](std::string_view line) { logs.emplace_back(line); });
        simulated_loop guard(loop, true);
        CHECK(http::network_simulated(loop));

        double t0 = loop.time();
        http::response a = co_await http::request("GET", "https://www.baidu.com");
        const double took = loop.time() - t0;
        CHECK(a.status == 200);
        CHECK(a.reason == "OK");
        CHECK(a.url == "https://www.baidu.com");
        CHECK(a.headers.get("x-aio-simulated") == "1");
        CHECK(a.headers.get("Content-Length") == std::to_string(a.body.size()));
        CHECK(a.body.find("simulated network answered https://www.baidu.com: this is not the real site") != std::string::npos);
        CHECK(took >= 0.08);
        CHECK(took < 0.48);

        t0 = loop.time();  // the same host again: the same latency and body
        http::response again = co_await http::request("GET", "https://www.baidu.com");
        CHECK(loop.time() - t0 == Approx(took));
        CHECK(again.body == a.body);
        http::response other = co_await http::request("GET", "https://www.python.org/downloads/");
        CHECK(other.body.size() != a.body.size());
        http::response head = co_await http::request("HEAD", "https://www.github.com");
        CHECK(head.body.empty());

        // An unknown top-level domain fails as a DNS lookup would, after 50 ms.
        t0 = loop.time();
        std::string error;
        try {
            co_await http::request("GET", "https://invalid.url");
        } catch (const http::connection_error& e) {
            error = e.what();
        }
        CHECK(error == "Cannot resolve host invalid.url (the sandbox's simulated network: no such host)");
        CHECK(loop.time() - t0 == Approx(0.05));

        // A timeout shorter than the simulated latency is a timeout.
        http::client_session impatient({.timeout = 0.01});
        bool timed_out = false;
        try {
            co_await impatient.get("https://www.github.com");
        } catch (const http::timeout_error&) {
            timed_out = true;
        }
        CHECK(timed_out);
        loop.set_log_handler(nullptr);
    }(), aio::clock_kind::virtual_time);
    REQUIRE(logs.size() >= 5);
    CHECK(logs[0].starts_with("simulated network: GET https://www.baidu.com -> 200 OK, "));
    CHECK(logs[0].ends_with("(not the real site)"));
    CHECK(logs[4] == "simulated network: GET https://invalid.url -> no such host (as a DNS failure)");
}

TEST_CASE("http: without the simulated network an off-list origin is still refused", "[http][simulated]") {
    aio_test::run([]() -> aio::coro<void> {
        auto& loop = aio::get_running_loop();
        simulated_loop guard(loop, false);
        CHECK_FALSE(http::network_simulated(loop));
        std::string origin;
        try {
            co_await http::request("GET", "https://www.baidu.com");
        } catch (const http::forbidden_origin_error& e) {
            origin = e.origin();
        }
        CHECK(origin == "https://www.baidu.com");
    }(), aio::clock_kind::virtual_time);
}

// AIO_NETWORK=simulated (how examples/ports' network snippets run): every loop simulates, and a
// loop with no allow-list has every request answered by the simulator; "real" or unset: off; any
// other value is refused by name.
TEST_CASE("http: AIO_NETWORK=simulated simulates every loop's requests", "[http][simulated]") {
    struct environment_network {  // AIO_NETWORK as it was, whatever way the case ends
        std::optional<std::string> saved;
        environment_network() {
            if (const char* v = std::getenv("AIO_NETWORK")) saved = v;
        }
        ~environment_network() {
            if (saved) setenv("AIO_NETWORK", saved->c_str(), 1);
            else unsetenv("AIO_NETWORK");
        }
    } restore;
    aio::event_loop plain;
    unsetenv("AIO_NETWORK");
    CHECK_FALSE(http::environment_network_simulated());
    CHECK_FALSE(http::network_simulated(plain));
    setenv("AIO_NETWORK", "real", 1);
    CHECK_FALSE(http::network_simulated(plain));
    setenv("AIO_NETWORK", "simulate", 1);
    CHECK_THROWS_WITH(http::network_simulated(plain), "AIO_NETWORK must be 'simulated' or 'real', not 'simulate'");
    setenv("AIO_NETWORK", "simulated", 1);
    CHECK(http::environment_network_simulated());
    CHECK(http::network_simulated(plain));

    std::vector<std::string> logs;
    aio_test::run([&]() -> aio::coro<void> {
        auto& loop = aio::get_running_loop();
        REQUIRE_FALSE(http::origin_restriction(loop));  // no allow-list: nothing goes out for real
        loop.set_log_handler([&](std::string_view line) { logs.emplace_back(line); });
        http::response r = co_await http::request("GET", "https://www.python.org");
        CHECK(r.headers.get("X-Aio-Simulated") == "1");
        bool dns = false;
        try {
            co_await http::request("GET", "https://invalid.url/");
        } catch (const http::connection_error&) {
            dns = true;
        }
        CHECK(dns);
        loop.set_log_handler(nullptr);
    }(), aio::clock_kind::virtual_time);
    REQUIRE(logs.size() == 2);
    CHECK(logs[0].starts_with("simulated network: GET https://www.python.org -> 200 OK, "));
    CHECK(logs[1] == "simulated network: GET https://invalid.url/ -> no such host (as a DNS failure)");
}

// Recorded responses keep real responses in IndexedDB (browsers: tests/browser/
// recorded_responses.test.mjs); a native loop has none, so switching them on is refused and the
// loop stays as it was.
TEST_CASE("recorded responses cannot be switched on where there is no IndexedDB", "[http]") {
    aio::event_loop loop;
    CHECK(aio::http::responses_recording(loop) == aio::http::recording::off);
    CHECK_THROWS_WITH(aio::http::record_responses(loop, aio::http::recording::record),
                      "recorded responses need IndexedDB (a browser): not available on this host");
    CHECK_THROWS_AS(aio::http::record_responses(loop, aio::http::recording::replay), std::logic_error);
    CHECK(aio::http::responses_recording(loop) == aio::http::recording::off);
    CHECK_NOTHROW(aio::http::record_responses(loop, aio::http::recording::off));
}
