// asyncio fidelity of errors: the exception types and messages asyncio uses, a task awaiting
// itself, TimeoutError chained to the cancellation, primitives returning true, result<T> and
// try_await. Messages are CPython 3.11's.
#include "support.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using Catch::Matchers::Message;

namespace {

std::string what_of(const std::exception_ptr& e) { return aio::describe(e); }

aio::coro<int> answer() { co_return 42; }

aio::coro<void> nap(double seconds) { co_await aio::sleep(seconds); }

aio::coro<void> fail(std::string message) {
    co_await aio::sleep(0);
    throw std::runtime_error(message);
}

}  // namespace

// ------------------------------------------------------------------------- error types

TEST_CASE("asyncio's RuntimeError cases are std::runtime_error (aio::runtime_error) with its words",
          "[fidelity][errors][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        CHECK_THROWS_MATCHES(lk.release(), std::runtime_error, Message("Lock is not acquired."));
        aio::condition cv;
        CHECK_THROWS_MATCHES(cv.notify(), aio::runtime_error, Message("cannot notify on un-acquired lock"));
        CHECK_THROWS_MATCHES(co_await cv.wait(), std::runtime_error, Message("cannot wait on un-acquired lock"));

        auto c = answer();
        co_await c;
        CHECK_THROWS_MATCHES(co_await c, std::runtime_error, Message("cannot reuse already awaited coroutine"));

        // Awaited from another task while its first awaiter still runs it.
        auto slow = []() -> aio::coro<int> {
            co_await aio::sleep(1);
            co_return 7;
        }();
        auto first = aio::create_task([](aio::coro<int>& s) -> aio::coro<int> { co_return co_await s; }(slow));
        co_await aio::sleep(0);
        CHECK_THROWS_MATCHES(co_await slow, std::runtime_error, Message("coroutine is being awaited already"));
        int got = co_await first;
        CHECK(got == 7);

        aio::event_loop other;
        CHECK_THROWS_AS(other.run(answer()), std::runtime_error);
        CHECK_THROWS_MATCHES(aio::run(answer()), std::runtime_error,
                             Message("aio::run() cannot be called from a running event loop"));
    };
    aio_test::run(main());

    aio::event_loop closed;
    closed.close();
    CHECK_THROWS_MATCHES(closed.call_soon([] {}), std::runtime_error, Message("Event loop is closed"));
    CHECK_THROWS_MATCHES(aio::get_running_loop(), std::runtime_error, Message("no running event loop"));
}

TEST_CASE("a task group's refusal is a runtime_error, not a stray error of the group", "[fidelity][errors]") {
    auto main = []() -> aio::coro<void> {
        std::string refused;
        try {
            co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                tg.create_task(fail("boom"));
                try {
                    co_await aio::sleep(1);
                } catch (const aio::cancelled_error&) {
                    try {
                        tg.create_task(answer());
                    } catch (const std::runtime_error& e) {  // Python: except RuntimeError
                        refused = e.what();
                    }
                    throw;
                }
            });
            FAIL("expected an exception_group");
        } catch (const aio::exception_group& g) {
            CHECK(g.exceptions().size() == 1);  // only boom: the refusal was handled
            CHECK(std::string(g.what()).rfind("unhandled errors in a TaskGroup (1 sub-exception)", 0) == 0);
        }
        CHECK(refused == "TaskGroup <TaskGroup errors=1 cancelling> is shutting down");
    };
    aio_test::run(main());
}

TEST_CASE("InvalidStateError only for a future in the wrong state, with asyncio's words", "[fidelity][errors]") {
    auto main = []() -> aio::coro<void> {
        auto f = aio::create_future<int>();
        CHECK_THROWS_MATCHES(f.result(), aio::invalid_state_error, Message("Result is not set."));
        CHECK_THROWS_MATCHES(f.exception(), aio::invalid_state_error, Message("Exception is not set."));
        f.set_result(1);
        CHECK_THROWS_MATCHES(f.set_result(2), aio::invalid_state_error, Message("invalid state"));
        CHECK_THROWS_MATCHES(f.set_exception(std::runtime_error("x")), aio::invalid_state_error,
                             Message("invalid state"));
        // Not a RuntimeError: `except RuntimeError` does not catch it.
        bool runtime = false;
        try {
            f.set_result(3);
        } catch (const std::runtime_error&) {
            runtime = true;
        } catch (const aio::invalid_state_error&) {
        }
        CHECK_FALSE(runtime);
        co_return;
    };
    aio_test::run(main());
}

TEST_CASE("asyncio's ValueError cases are std::invalid_argument with its words", "[fidelity][errors]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(1);
        CHECK_THROWS_MATCHES(q.task_done(), std::invalid_argument, Message("task_done() called too many times"));
        aio::bounded_semaphore b(1);
        CHECK_THROWS_AS(b.release(), std::invalid_argument);
        CHECK_THROWS_AS(aio::semaphore(-1), std::invalid_argument);

        std::vector<aio::task<int>> tasks{aio::create_task(answer())};
        CHECK_THROWS_MATCHES(co_await aio::wait(tasks, static_cast<aio::return_when>(7)), std::invalid_argument,
                             Message("Invalid return_when value: 7"));
        CHECK_THROWS_MATCHES(co_await aio::wait(std::vector<aio::task<int>>{}), std::invalid_argument,
                             Message("Set of Tasks/Futures is empty."));
        co_await tasks[0];
    };
    aio_test::run(main());
}

TEST_CASE("queue_empty / queue_full carry no invented message; describe names the type", "[fidelity][errors]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(1);
        CHECK_THROWS_MATCHES(q.get_nowait(), aio::queue_empty, Message(""));
        q.put_nowait(1);
        CHECK_THROWS_MATCHES(q.put_nowait(2), aio::queue_full, Message(""));
        CHECK(what_of(std::make_exception_ptr(aio::queue_empty())) == "aio::queue_empty");
        co_return;
    };
    aio_test::run(main());
}

// --------------------------------------------------------------------- awaiting itself

TEST_CASE("a task that awaits itself gets runtime_error at once, even with a timer pending", "[fidelity][task]") {
    auto main = []() -> aio::coro<void> {
        auto far = aio::create_task(nap(100));  // a pending timer: no deadlock report
        aio::task<void> self;
        self = aio::create_task([](aio::task<void>& me) -> aio::coro<void> {
            co_await aio::sleep(0);
            co_await me;
        }(self));
        self.set_name("selfish");
        CHECK_THROWS_MATCHES(co_await self, std::runtime_error, Message("Task cannot await on itself: selfish"));
        CHECK(aio::get_running_loop().time() == 0.0);
        far.cancel();
    };
    aio_test::run(main());
}

TEST_CASE("two tasks awaiting each other: the second await is refused at once", "[fidelity][task]") {
    auto main = []() -> aio::coro<void> {
        aio::task<int> a, b;
        a = aio::create_task([](aio::task<int>& other) -> aio::coro<int> { co_return co_await other; }(b), "a");
        b = aio::create_task(
            [](aio::task<int>& other) -> aio::coro<int> {
                co_await aio::sleep(0);
                try {
                    co_return co_await other;
                } catch (const std::runtime_error& e) {
                    CHECK(std::string(e.what()) == "Task cannot await on itself: b awaits a, which awaits it");
                    co_return 5;
                }
            }(a),
            "b");
        int got = co_await a;
        CHECK(got == 5);
        CHECK(aio::get_running_loop().time() == 0.0);
    };
    aio_test::run(main());
}

// ---------------------------------------------------------------------- exception chaining

TEST_CASE("timeout_error has the cancellation as its cause, and describe shows it", "[fidelity][timeout]") {
    auto main = []() -> aio::coro<void> {
        std::vector<std::exception_ptr> caught;
        auto keep = [&](auto work) -> aio::coro<void> {
            try {
                co_await std::move(work);
            } catch (const aio::timeout_error&) {
                caught.push_back(std::current_exception());
            }
        };
        co_await keep(aio::wait_for(nap(10), 1.0));
        co_await keep(aio::wait_for(aio::create_task(nap(10)), 0.0));
        co_await keep(aio::timeout(1.0, []() -> aio::coro<void> { co_await aio::sleep(10); }));
        REQUIRE(caught.size() == 3);
        for (auto& e : caught) {
            CHECK(aio::is_cancellation(aio::cause_of(e)));
            CHECK(aio::describe(e).find("\n  caused by: cancelled_error") != std::string::npos);
        }
        CHECK_FALSE(aio::cause_of(std::make_exception_ptr(std::runtime_error("plain"))));
        CHECK(aio::get_running_loop().time() == 2.0);
    };
    aio_test::run(main());
}

TEST_CASE("a never-retrieved timeout_error is reported with its cause", "[fidelity][timeout]") {
    aio::event_loop loop({.clock = aio::clock_kind::virtual_time});
    aio_test::captured_errors reports;
    reports.attach(loop);
    loop.run([]() -> aio::coro<void> {
        aio::create_task(aio::wait_for(nap(10), 1.0));
        co_await aio::sleep(2);
    }());
    REQUIRE(reports.errors.size() == 1);
    CHECK(aio::describe(reports.errors[0].exception) == "timed out\n  caused by: cancelled_error");
}

// ------------------------------------------------------------------ primitives return true

TEST_CASE("acquire() and wait() give true, as asyncio's do", "[fidelity][sync]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        bool fast = co_await lk.acquire();
        CHECK(fast);
        auto waiter = aio::create_task([](aio::lock& l) -> aio::coro<bool> {
            bool got = co_await l.acquire();  // queued, then handed the lock
            l.release();
            co_return got;
        }(lk));
        co_await aio::sleep(0);
        lk.release();
        bool queued = co_await waiter;
        CHECK(queued);

        aio::semaphore sem(1);
        bool s1 = co_await sem.acquire();
        CHECK(s1);
        sem.release();

        aio::event ev;
        auto setter = aio::create_task([](aio::event& e) -> aio::coro<void> {
            co_await aio::sleep(1);
            e.set();
        }(ev));
        bool waited = co_await ev.wait();
        bool already = co_await ev.wait();
        CHECK(waited);
        CHECK(already);
        co_await setter;

        aio::condition cv;
        co_await cv.acquire();
        auto notifier = aio::create_task([](aio::condition& c) -> aio::coro<void> {
            co_await c.acquire();
            c.notify();
            c.release();
        }(cv));
        bool notified = co_await cv.wait();
        CHECK(notified);
        cv.release();
        co_await notifier;
    };
    aio_test::run(main());
}

// --------------------------------------------------------------------------- result<T>

TEST_CASE("result<T>: value() &&, value_or and error_as without rethrowing", "[fidelity][result]") {
    auto ok = aio::capture<std::unique_ptr<int>>([] { return std::make_unique<int>(3); });
    std::unique_ptr<int> moved = std::move(ok).value();
    REQUIRE(moved);
    CHECK(*moved == 3);
    CHECK(ok.error_as<std::exception>() == nullptr);

    auto bad = aio::capture<int>([]() -> int { throw std::invalid_argument("nope"); });
    CHECK(bad.value_or(9) == 9);
    CHECK(aio::capture<int>([] { return 4; }).value_or(9) == 4);
    const auto* as_logic = bad.error_as<std::logic_error>();
    REQUIRE(as_logic);
    CHECK(std::string(as_logic->what()) == "nope");
    CHECK(bad.error_as<std::runtime_error>() == nullptr);
    CHECK(bad.error_is<std::invalid_argument>());

    auto cancelled = aio::result<void>::failure(std::make_exception_ptr(aio::cancelled_error("stop")));
    REQUIRE(cancelled.error_as<aio::cancelled_error>());
    CHECK(cancelled.error_as<aio::cancelled_error>()->message() == "stop");
    CHECK(cancelled.error_as<std::exception>() == nullptr);

    auto odd = aio::capture<int>([]() -> int { throw 17; });  // not polymorphic: looked up by rethrow
    REQUIRE(odd.error_as<int>());
    CHECK(*odd.error_as<int>() == 17);
}

TEST_CASE("reading a task's move-only result a second time throws instead of giving a moved-from value",
          "[fidelity][result]") {
    auto main = []() -> aio::coro<void> {
        auto t = aio::create_task([]() -> aio::coro<std::unique_ptr<int>> { co_return std::make_unique<int>(8); }());
        std::unique_ptr<int> first = co_await t;
        REQUIRE(first);
        CHECK(*first == 8);
        CHECK_THROWS_AS(t.result(), aio::invalid_state_error);
        CHECK_THROWS_AS(co_await t, aio::invalid_state_error);
    };
    aio_test::run(main());
}

namespace {
// A value that counts the copies made of it on its way out of a future.
struct counted {
    int copies = 0;
    std::string text = "payload";
    counted() = default;
    counted(const counted& other) : copies(other.copies + 1), text(other.text) {}
    counted(counted&&) = default;
    counted& operator=(const counted&) = delete;
};
}  // namespace

TEST_CASE("awaiting the last handle of a future or task moves its value out; other handles keep theirs",
          "[fidelity][result]") {
    auto main = []() -> aio::coro<void> {
        auto make = []() -> aio::coro<counted> { co_return counted{}; };
        {
            aio::future<counted> f = aio::create_future<counted>();
            f.set_result(counted{});
            counted moved = co_await std::move(f);
            CHECK(moved.copies == 0);
            CHECK_FALSE(f.valid());  // the await took the handle over
        }
        {
            aio::future<counted> f = aio::create_future<counted>();
            aio::future<counted> other = f;
            f.set_result(counted{});
            counted copied = co_await std::move(f);
            CHECK(copied.copies == 1);
            CHECK(other.result().text == "payload");  // not a moved-from value
            counted again = co_await other;
            CHECK(again.copies == 1);
            CHECK(other.result().text == "payload");
        }
        counted from_task = co_await aio::create_task(make());
        CHECK(from_task.copies == 0);
        // A gather's vector is moved out; each child's value is read (copied) into it once.
        std::vector<aio::task<counted>> tasks;
        for (int i = 0; i < 25; ++i) tasks.push_back(aio::create_task(make()));
        std::vector<counted> all = co_await aio::gather(tasks);
        REQUIRE(all.size() == 25);
        for (const counted& c : all) CHECK(c.copies == 1);
        CHECK(tasks[24].result().text == "payload");
    };
    aio_test::run(main());
}

// --------------------------------------------------------------------------- try_await

TEST_CASE("try_await: `except CancelledError: await cleanup(); raise` in C++", "[fidelity][try_await]") {
    auto main = []() -> aio::coro<void> {
        std::vector<std::string> log;
        auto worker = aio::create_task([](std::vector<std::string>& log) -> aio::coro<void> {
            auto r = co_await aio::try_await(aio::sleep(10));
            if (r.error_is<aio::cancelled_error>()) {
                co_await aio::sleep(1);  // cleanup that awaits
                log.push_back("cleaned up at " + std::to_string(static_cast<int>(aio::get_running_loop().time())));
            }
            r.value();  // raise
            log.push_back("not reached");
        }(log));
        co_await aio::sleep(2);
        worker.cancel();
        CHECK_THROWS_AS(co_await worker, aio::cancelled_error);
        CHECK(worker.cancelled());
        CHECK(log == std::vector<std::string>{"cleaned up at 3"});
    };
    aio_test::run(main());
}

TEST_CASE("try_await gives values and errors of coroutines, tasks, futures and primitives", "[fidelity][try_await]") {
    auto main = []() -> aio::coro<void> {
        auto v = co_await aio::try_await(answer());
        CHECK(v.value() == 42);
        auto e = co_await aio::try_await(fail("bad"));
        REQUIRE(e.error_as<std::runtime_error>());
        CHECK(std::string(e.error_as<std::runtime_error>()->what()) == "bad");

        auto t = aio::create_task(answer());
        auto tv = co_await aio::try_await(t);  // an lvalue handle: awaited in place
        CHECK(tv.value() == 42);

        auto used = answer();
        co_await used;
        auto twice = co_await aio::try_await(used);  // the error of await_ready is captured too
        CHECK(twice.error_is<aio::runtime_error>());

        aio::lock lk;
        auto got = co_await aio::try_await(lk.acquire());
        CHECK(got.value());
        CHECK(lk.locked());

        auto f = aio::create_future<std::string>();
        aio::get_running_loop().call_later(1, [f] { f.set_exception(std::logic_error("late")); });
        auto fr = co_await aio::try_await(f);
        CHECK(fr.error_message() == "late");
        CHECK(aio::get_running_loop().time() == 1.0);
    };
    aio_test::run(main());
}
