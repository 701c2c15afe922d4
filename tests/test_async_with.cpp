// async_with: Python's `async with` (aio/async_with.hpp): aenter/aexit order, errors, cancellation.
#include "support.hpp"

#include <optional>
#include <stdexcept>
#include <string>

namespace {

struct session {
    std::string name;
    int sent = 0;
};

// An async context manager: aenter/aexit both await; records what aexit saw.
struct connection {
    aio_test::journal* log;
    bool suppress = false;
    session s{"s1"};

    aio::coro<session*> aenter() {
        co_await aio::sleep(1.0);
        (*log)("enter");
        co_return &s;
    }
    aio::coro<bool> aexit(std::exception_ptr error) {
        co_await aio::sleep(1.0);  // closing awaits too
        std::string what = "none";
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const aio::cancelled_error&) {
                what = "cancelled";
            } catch (const std::exception& e) {
                what = e.what();
            }
        }
        (*log)("exit(" + what + ")");
        co_return suppress;
    }
};

// A lock-like manager whose aenter gives nothing (Python: `async with lock:`).
struct gate {
    int* inside;
    aio::coro<void> aenter() {
        ++*inside;
        co_return;
    }
    aio::coro<bool> aexit(std::exception_ptr) {
        --*inside;
        co_return false;
    }
};

struct failing_enter {
    aio_test::journal* log;
    aio::coro<int> aenter() {
        co_await aio::sleep(0);
        throw std::runtime_error("cannot open");
    }
    aio::coro<bool> aexit(std::exception_ptr) {
        (*log)("exit must not run");
        co_return false;
    }
};

}  // namespace

TEST_CASE("async_with: normal exit runs aexit with no exception and returns the body's value",
          "[async_with]") {
    aio_test::journal log;
    connection conn{&log};
    auto main = [&]() -> aio::coro<void> {
        std::optional<int> n = co_await aio::async_with(conn, [&](session* s) -> aio::coro<int> {
            log("body " + s->name);
            co_await aio::sleep(1.0);
            co_return ++s->sent;
        });
        CHECK(n == 1);
        CHECK(aio::time() == Approx(3.0));
        log("after");
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"enter", "body s1", "exit(none)", "after"});
}

TEST_CASE("async_with: an exception in the body reaches aexit and propagates", "[async_with]") {
    aio_test::journal log;
    connection conn{&log};
    auto main = [&]() -> aio::coro<void> {
        bool caught = false;
        try {
            co_await aio::async_with(conn, [&](session*) -> aio::coro<void> {
                co_await aio::sleep(0);
                throw std::runtime_error("body failed");
            });
        } catch (const std::runtime_error& e) {
            caught = std::string(e.what()) == "body failed";
        }
        CHECK(caught);
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"enter", "exit(body failed)"});
}

TEST_CASE("async_with: aexit returning true suppresses the exception", "[async_with]") {
    aio_test::journal log;
    connection conn{&log, true};
    auto main = [&]() -> aio::coro<void> {
        std::optional<int> n = co_await aio::async_with(conn, [&](session*) -> aio::coro<int> {
            throw std::runtime_error("ignored");
            co_return 1;
        });
        CHECK_FALSE(n.has_value());  // suppressed: no value
        // A suppressing manager does not change a normal exit.
        std::optional<int> m = co_await aio::async_with(conn, [&](session*) -> aio::coro<int> { co_return 7; });
        CHECK(m == 7);
        log("after");
    };
    aio_test::run(main());
    CHECK(log.lines ==
          std::vector<std::string>{"enter", "exit(ignored)", "enter", "exit(none)", "after"});
}

TEST_CASE("async_with: cancellation inside the body runs aexit with cancelled_error", "[async_with]") {
    aio_test::journal log;
    connection conn{&log};
    auto worker = [&]() -> aio::coro<void> {
        co_await aio::async_with(conn, [&](session*) -> aio::coro<void> {
            log("working");
            co_await aio::sleep(100.0);
            log("never");
        });
        log("never after");
    };
    auto main = [&]() -> aio::coro<void> {
        auto t = aio::create_task(worker());
        co_await aio::sleep(2.0);
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(t.cancelled());
        CHECK(aio::time() == Approx(3.0));  // aexit's own await ran after the cancel
    };
    aio_test::run(main());
    CHECK(log.lines == std::vector<std::string>{"enter", "working", "exit(cancelled)"});
}

TEST_CASE("async_with: a failing aenter skips aexit; void aenter gives a no-argument body", "[async_with]") {
    aio_test::journal log;
    auto main = [&]() -> aio::coro<void> {
        failing_enter bad{&log};
        bool body_ran = false;
        CHECK_THROWS_WITH(co_await aio::async_with(bad, [&](int) -> aio::coro<void> {
            body_ran = true;
            co_return;
        }),
                          "cannot open");
        CHECK_FALSE(body_ran);

        int inside = 0;
        co_await aio::async_with(gate{&inside}, [&]() -> aio::coro<void> {  // an rvalue is moved in
            CHECK(inside == 1);
            co_await aio::sleep(1.0);
        });
        CHECK(inside == 0);
    };
    aio_test::run(main());
    CHECK(log.lines.empty());
}

TEST_CASE("async_with: scopes nest and unwind innermost first", "[async_with]") {
    aio_test::journal log;
    connection outer{&log};
    outer.s.name = "outer";
    connection inner{&log};
    inner.s.name = "inner";
    auto main = [&]() -> aio::coro<void> {
        co_await aio::async_with(outer, [&](session* o) -> aio::coro<void> {
            co_await aio::async_with(inner, [&](session* i) -> aio::coro<void> {
                log(o->name + "+" + i->name);
                throw std::logic_error("inner failed");
                co_return;
            });
        });
    };
    CHECK_THROWS_AS(aio_test::run(main()), std::logic_error);
    CHECK(log.lines == std::vector<std::string>{"enter", "enter", "outer+inner", "exit(inner failed)",
                                                "exit(inner failed)"});
}

namespace {
struct close_error : std::runtime_error {  // a user type: passed through without a context
    using std::runtime_error::runtime_error;
};
// A manager whose aexit fails (after awaiting) in the way it is told.
struct failing_exit {
    int mode = 0;  // 0: aio::runtime_error, 1: rethrow the body's error, 2: a user type
    aio::coro<void> aenter() { co_return; }
    aio::coro<bool> aexit(std::exception_ptr error) {
        co_await aio::sleep(1.0);
        if (mode == 1 && error) std::rethrow_exception(error);
        if (mode == 2) throw close_error("close failed");
        throw aio::runtime_error("close failed");
    }
};
}  // namespace

TEST_CASE("async_with: an error raised in aexit keeps the body's error as its context", "[async_with][errors]") {
    auto main = []() -> aio::coro<void> {
        auto outcome = [](failing_exit cm, auto body) -> aio::coro<std::exception_ptr> {
            try {
                co_await aio::async_with(cm, std::move(body));
            } catch (const aio::runtime_error&) {  // still the type aexit raised
                co_return std::current_exception();
            } catch (...) {
                co_return std::current_exception();
            }
            co_return nullptr;
        };
        auto body_fails = []() -> aio::coro<void> {
            co_await aio::sleep(0);
            throw std::logic_error("body");
        };
        std::exception_ptr e = co_await outcome(failing_exit{}, body_fails);
        REQUIRE(e);
        CHECK_THROWS_AS(std::rethrow_exception(e), aio::runtime_error);
        CHECK(aio::describe(aio::cause_of(e)) == "body");
        CHECK(aio::describe(e) == "close failed\n  during handling of: body");
        CHECK(aio::time() == 1.0);

        // No body error: nothing to carry.
        e = co_await outcome(failing_exit{}, []() -> aio::coro<void> { co_return; });
        CHECK(aio::describe(e) == "close failed");
        CHECK_FALSE(aio::cause_of(e));
        // aexit re-raising the body's error does not chain it to itself.
        e = co_await outcome(failing_exit{1}, body_fails);
        CHECK(aio::describe(e) == "body");
        CHECK_FALSE(aio::cause_of(e));
        // A type aio cannot copy keeps its type, without the context.
        e = co_await outcome(failing_exit{2}, body_fails);
        CHECK_THROWS_AS(std::rethrow_exception(e), close_error);
        CHECK(aio::describe(e) == "close failed");
        CHECK(aio::time() == 4.0);
    };
    aio_test::run(main());
}

TEST_CASE("async_with: aexit failing during a cancellation carries the cancellation; reports show it", "[async_with][errors][cancel]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors reports;
    reports.attach(loop);
    loop.run([]() -> aio::coro<void> {
        auto t = aio::create_task([]() -> aio::coro<void> {
            failing_exit cm;
            co_await aio::async_with(cm, []() -> aio::coro<void> { co_await aio::sleep(10); });
        }());
        co_await aio::sleep(2);
        t.cancel();
        co_await aio::sleep(5);
        CHECK(t.done());
        CHECK_FALSE(t.cancelled());  // aexit's error replaced the cancellation
        CHECK(aio::time() == 7.0);
        t = {};  // never retrieved: reported as it goes
    }());
    REQUIRE(reports.errors.size() == 1);
    CHECK(aio::describe(reports.errors[0].exception) == "close failed\n  during handling of: cancelled_error");
}
