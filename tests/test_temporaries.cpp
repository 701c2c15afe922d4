// Temporaries inside the awaited expression, on g++ 12 and clang 14 (and under ASan):
// `co_await aio::wait(std::array{t})` (and the braced vector where the compiler takes it) and
// `co_await aio::async_with(ACM{...}, body)`.
#include "support.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

aio::coro<void> nap(double seconds) { co_await aio::sleep(seconds); }

// An async context manager that owns heap state: a double destruction or a use after free of
// the temporary shows under ASan. It has a constructor: g++ 12 destroys a brace-initialized
// *aggregate* with such members twice when it is a temporary in a co_await expression, in the
// awaiting frame, whatever the awaited function takes (a compiler bug).
struct acm {
    acm(std::string n, std::vector<std::string>* l) : name(std::make_unique<std::string>(std::move(n))), log(l) {}
    std::unique_ptr<std::string> name;
    std::vector<std::string>* log;
    aio::coro<std::string> aenter() {
        co_await aio::sleep(1);
        log->push_back("enter " + *name);
        co_return *name + "!";
    }
    aio::coro<bool> aexit(std::exception_ptr error) {
        co_await aio::sleep(1);
        log->push_back("exit " + *name + (error ? " with error" : ""));
        co_return false;
    }
};

}  // namespace

// g++ 11-12 refuse any braced list (std::initializer_list) inside a co_await expression ("array
// used as initializer"), whatever the awaited function takes: std::array is their spelling.
#if defined(__clang__) || !defined(__GNUC__) || __GNUC__ > 12
#define AIO_TEST_BRACED_LISTS_IN_CO_AWAIT 1
#endif

TEST_CASE("wait(std::array{t}) and wait(std::vector<task>{t}) with the list a temporary in the co_await", "[temporaries][wait]") {
    auto main = []() -> aio::coro<void> {
        auto t = aio::create_task(nap(2));
        auto [done, pending] = co_await aio::wait(std::array{t});
        CHECK(done.size() == 1);
        CHECK(pending.empty());
        CHECK(aio::time() == 2.0);
        auto u = aio::create_task(nap(5));
        auto r = co_await aio::wait(std::array{t, u}, aio::return_when::first_completed, 1.0);
        CHECK(r.done.size() == 1);  // t was done already
        CHECK(r.pending.size() == 1);
        CHECK(r.pending[0].get_name() == u.get_name());
        CHECK_THROWS_AS(co_await aio::wait(std::array<aio::task<void>, 0>{}), std::invalid_argument);
#ifdef AIO_TEST_BRACED_LISTS_IN_CO_AWAIT
        auto v = co_await aio::wait(std::vector<aio::task<void>>{u});
        CHECK(v.done.size() == 1);
#endif
        co_await u;
        CHECK(aio::time() == 7.0);
    };
    aio_test::run(main());
}

TEST_CASE("async_with(ACM{...}, body) with the manager a temporary in the co_await", "[temporaries][async_with]") {
    auto main = []() -> aio::coro<void> {
        std::vector<std::string> log;
        std::string seen;
        co_await aio::async_with(acm{"db", &log},
                                 [&](std::string& entered) -> aio::coro<void> {
                                     co_await aio::sleep(1);
                                     seen = entered;
                                 });
        CHECK(seen == "db!");
        auto value = co_await aio::async_with(acm{"kv", &log},
                                              [](std::string& entered) -> aio::coro<int> {
                                                  co_await aio::sleep(1);
                                                  co_return static_cast<int>(entered.size());
                                              });
        CHECK(value == 3);
        CHECK_THROWS_WITH(co_await aio::async_with(acm{"bad", &log},
                                                   [](std::string&) -> aio::coro<void> {
                                                       co_await aio::sleep(1);
                                                       throw std::runtime_error("body failed");
                                                   }),
                          "body failed");
        CHECK(log == std::vector<std::string>{"enter db", "exit db", "enter kv", "exit kv", "enter bad",
                                              "exit bad with error"});
        CHECK(aio::time() == 9.0);
    };
    aio_test::run(main());
}
