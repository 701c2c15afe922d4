// Synchronization primitives: lock, event, condition, semaphore, bounded_semaphore, barrier.
#include "support.hpp"

// Note: never co_await inside CHECK()/REQUIRE(): Catch2 repeats the expression inside
// __builtin_constant_p for g++, which then runs the co_await twice.

#include "aio/barrier.hpp"
#include "aio/condition.hpp"
#include "aio/event.hpp"
#include "aio/lock.hpp"
#include "aio/semaphore.hpp"

#include <stdexcept>
#include <string>
#include <vector>

using aio_test::settle;
using aio_test::tick;
using aio_test::wait_point;

// ------------------------------------------------------------------------------------- lock

TEST_CASE("lock: uncontended acquire takes the fast path; release of an unlocked lock throws", "[sync][lock]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        CHECK_FALSE(lk.locked());
        CHECK_THROWS_AS(lk.release(), aio::runtime_error);
        auto before = tick();
        co_await lk.acquire();
        CHECK(tick() == before);  // did not suspend
        CHECK(lk.locked());
        lk.release();
        CHECK_FALSE(lk.locked());
        CHECK_THROWS_AS(lk.release(), aio::runtime_error);
    };
    aio_test::run(main());
}

TEST_CASE("lock: waiters are served FIFO and a newcomer cannot barge in on release", "[sync][lock][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        std::vector<std::string> order;
        auto worker = [&](std::string name) -> aio::coro<void> {
            co_await lk.acquire();
            order.push_back(name);
            co_await aio::sleep(0.01);  // hold it for a while
            lk.release();
        };
        co_await lk.acquire();
        auto a = aio::create_task(worker("a"));
        auto b = aio::create_task(worker("b"));
        auto c = aio::create_task(worker("c"));
        co_await settle();
        CHECK(lk.waiting() == 3);
        CHECK(wait_point(a) == "primitive/lock");
        lk.release();
        // The lock went straight to "a": still locked, so this newcomer queues behind b and c.
        CHECK(lk.locked());
        co_await lk.acquire();
        order.push_back("main");
        lk.release();
        co_await a;
        co_await b;
        co_await c;
        CHECK(order == std::vector<std::string>{"a", "b", "c", "main"});
        CHECK_FALSE(lk.locked());
    };
    aio_test::run(main());
}

TEST_CASE("lock: scoped() releases at scope exit, on exception and on cancellation", "[sync][lock]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        {
            auto held = co_await lk.scoped();
            CHECK(held.owns());
            CHECK(lk.locked());
        }
        CHECK_FALSE(lk.locked());

        auto throws = [&]() -> aio::coro<void> {
            auto held = co_await lk.scoped();
            throw std::runtime_error("inside");
        };
        CHECK_THROWS_AS(co_await throws(), std::runtime_error);
        CHECK_FALSE(lk.locked());

        auto sleeper = [&]() -> aio::coro<void> {
            auto held = co_await lk.scoped();
            co_await aio::sleep(10);
        };
        auto t = aio::create_task(sleeper());
        co_await settle();
        CHECK(lk.locked());
        t.cancel();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(t.cancelled());
        CHECK_FALSE(lk.locked());

        // release() gives the hold up early; moving transfers it.
        auto held = co_await lk.scoped();
        auto moved = std::move(held);
        CHECK_FALSE(held.owns());
        CHECK(moved.owns());
        moved.release();
        CHECK_FALSE(moved.owns());
        CHECK_FALSE(lk.locked());
    };
    aio_test::run(main());
}

TEST_CASE("lock: a waiter cancelled while queued takes nothing and does not strand the others", "[sync][lock][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        std::vector<std::string> order;
        auto worker = [&](std::string name) -> aio::coro<void> {
            auto held = co_await lk.scoped();
            order.push_back(name);
        };
        co_await lk.acquire();
        auto a = aio::create_task(worker("a"));
        co_await settle();  // they queue in this order, whatever the schedule
        auto b = aio::create_task(worker("b"));
        co_await settle();
        auto c = aio::create_task(worker("c"));
        co_await settle();
        b.cancel();
        co_await settle();
        CHECK(b.cancelled());
        CHECK(lk.waiting() == 2);
        CHECK(lk.locked());  // still ours
        lk.release();
        co_await a;
        co_await c;
        CHECK(order == std::vector<std::string>{"a", "c"});
        CHECK_FALSE(lk.locked());
    };
    aio_test::run(main());
}

TEST_CASE("lock: a waiter cancelled after it was handed the lock passes it on", "[sync][lock][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        std::vector<std::string> order;
        auto worker = [&](std::string name) -> aio::coro<void> {
            auto held = co_await lk.scoped();
            order.push_back(name);
        };
        co_await lk.acquire();
        auto a = aio::create_task(worker("a"));
        auto b = aio::create_task(worker("b"));
        co_await settle();
        lk.release();  // hands the lock to a, which has not run yet
        a.cancel();    // ... and is cancelled before it does
        CHECK_THROWS_AS(co_await a, aio::cancelled_error);
        co_await b;
        CHECK(order == std::vector<std::string>{"b"});
        CHECK_FALSE(lk.locked());
        CHECK(lk.waiting() == 0);
    };
    aio_test::run(main());
}

TEST_CASE("lock: a pending cancellation does not stop the uncontended fast path", "[sync][lock][cancel]") {
    // asyncio: acquire() of a free lock returns without yielding, so the cancellation is delivered
    // at the next real suspension point.
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        aio::current_task().cancel();
        co_await lk.acquire();
        CHECK(lk.locked());
        lk.release();
        co_await aio::sleep(0);
    };
    CHECK_THROWS_AS(aio_test::run(main()), aio::cancelled_error);
}

TEST_CASE("a waiter whose cancellation is withdrawn (uncancel) before it runs still raises and holds nothing", "[sync][lock][semaphore][event][cancel]") {
    // The wait was abandoned when the cancellation reached it; asyncio raises CancelledError from
    // the cancelled future even if uncancel() is called before the task runs.
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        aio::semaphore sem(0);
        aio::event ev;
        bool lock_returned = false, sem_returned = false, ev_returned = false;
        auto on_lock = [&]() -> aio::coro<void> {
            co_await lk.acquire();
            lock_returned = true;
        };
        auto on_sem = [&]() -> aio::coro<void> {
            co_await sem.acquire();
            sem_returned = true;
        };
        auto on_event = [&]() -> aio::coro<void> {
            co_await ev.wait();
            ev_returned = true;
        };
        co_await lk.acquire();
        auto a = aio::create_task(on_lock());
        auto b = aio::create_task(on_sem());
        auto c = aio::create_task(on_event());
        co_await settle();
        for (auto* t : {&a, &b, &c}) {
            t->cancel();
            t->uncancel();
        }
        lk.release();
        sem.release();
        ev.set();
        CHECK_THROWS_AS(co_await a, aio::cancelled_error);
        CHECK_THROWS_AS(co_await b, aio::cancelled_error);
        CHECK_THROWS_AS(co_await c, aio::cancelled_error);
        CHECK_FALSE(lock_returned);
        CHECK_FALSE(sem_returned);
        CHECK_FALSE(ev_returned);
        CHECK_FALSE(lk.locked());
        CHECK(sem.value() == 1);
    };
    aio_test::run(main());
}

// ------------------------------------------------------------------------------------ event

TEST_CASE("event: wait on a set event returns at once; set() wakes every waiter in order", "[sync][event][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::event ev;
        std::vector<int> woke;
        auto waiter = [&](int id) -> aio::coro<void> {
            co_await ev.wait();
            woke.push_back(id);
        };
        std::vector<aio::task<void>> tasks;
        for (int i = 0; i < 4; ++i) tasks.push_back(aio::create_task(waiter(i)));
        co_await settle();
        CHECK(woke.empty());
        CHECK(ev.waiting() == 4);
        CHECK(wait_point(tasks[0]) == "primitive/event");
        ev.set();
        CHECK(ev.is_set());
        CHECK(ev.waiting() == 0);
        for (auto& t : tasks) co_await t;
        CHECK(woke == std::vector<int>{0, 1, 2, 3});

        auto before = tick();
        co_await ev.wait();
        CHECK(tick() == before);
        ev.clear();
        CHECK_FALSE(ev.is_set());
        auto late = aio::create_task(waiter(9));
        co_await settle();
        CHECK_FALSE(late.done());
        ev.set();
        co_await late;
        CHECK(woke.back() == 9);
    };
    aio_test::run(main());
}

TEST_CASE("event: cancelling a waiter leaves the others waiting; cancelled after set() it still raises", "[sync][event][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::event ev;
        int woke = 0;
        auto waiter = [&]() -> aio::coro<void> {
            co_await ev.wait();
            ++woke;
        };
        auto a = aio::create_task(waiter());
        auto b = aio::create_task(waiter());
        auto c = aio::create_task(waiter());
        co_await settle();
        a.cancel();
        co_await settle();
        CHECK(a.cancelled());
        CHECK(ev.waiting() == 2);
        ev.set();
        b.cancel("late");  // woken, not run yet: asyncio still raises CancelledError
        CHECK_THROWS_AS(co_await b, aio::cancelled_error);
        co_await c;
        CHECK(woke == 1);
    };
    aio_test::run(main());
}

// -------------------------------------------------------------------------------- condition

TEST_CASE("condition: wait() and notify() require the lock", "[sync][condition]") {
    auto main = []() -> aio::coro<void> {
        aio::condition cv;
        CHECK_THROWS_AS(co_await cv.wait(), aio::runtime_error);
        CHECK_THROWS_AS(cv.notify(), aio::runtime_error);
        CHECK_THROWS_AS(cv.notify_all(), aio::runtime_error);
        CHECK_THROWS_AS(cv.release(), aio::runtime_error);
        co_await cv.acquire();
        CHECK(cv.locked());
        cv.notify();  // nobody waits: fine
        cv.release();
        CHECK_FALSE(cv.locked());
    };
    aio_test::run(main());
}

TEST_CASE("condition: notify(n) wakes the n longest waiters FIFO, each holding the lock again", "[sync][condition][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::condition cv;
        std::vector<int> woke;
        int inside = 0;
        bool overlap = false;
        auto waiter = [&](int id) -> aio::coro<void> {
            auto held = co_await cv.scoped();
            co_await cv.wait();
            CHECK(cv.locked());
            if (++inside > 1) overlap = true;
            woke.push_back(id);
            co_await aio::sleep(0.01);  // holds the lock across a suspension
            --inside;
        };
        std::vector<aio::task<void>> tasks;
        for (int i = 0; i < 5; ++i) tasks.push_back(aio::create_task(waiter(i)));
        co_await settle();
        CHECK(cv.waiting() == 5);
        CHECK_FALSE(cv.locked());  // every waiter released it
        CHECK(wait_point(tasks[0]) == "primitive/condition");
        {
            auto held = co_await cv.scoped();
            cv.notify(2);
            CHECK(cv.waiting() == 3);
            CHECK(wait_point(tasks[0]) == "primitive/condition.relock");
        }
        co_await aio::sleep(1);
        CHECK(woke == std::vector<int>{0, 1});
        {
            auto held = co_await cv.scoped();
            cv.notify();
        }
        co_await aio::sleep(1);
        CHECK(woke == std::vector<int>{0, 1, 2});
        {
            auto held = co_await cv.scoped();
            cv.notify_all();
        }
        for (auto& t : tasks) co_await t;
        CHECK(woke == std::vector<int>{0, 1, 2, 3, 4});
        CHECK_FALSE(overlap);
        CHECK_FALSE(cv.locked());
    };
    aio_test::run(main());
}

TEST_CASE("condition: wait_for re-checks its predicate and returns its value", "[sync][condition]") {
    auto main = []() -> aio::coro<void> {
        aio::condition cv;
        int items = 0;
        int wakeups = 0;
        auto consumer = [&]() -> aio::coro<int> {
            auto held = co_await cv.scoped();
            int got = co_await cv.wait_for([&] {
                ++wakeups;
                return items >= 3 ? items : 0;
            });
            items = 0;
            co_return got;
        };
        auto t = aio::create_task(consumer());
        for (int i = 0; i < 3; ++i) {
            co_await aio::sleep(1);
            auto held = co_await cv.scoped();
            ++items;
            cv.notify();
        }
        auto v1 = co_await t;
        CHECK(v1 == 3);
        CHECK(wakeups == 4);  // checked first, then after each of the 3 notifications
        CHECK(items == 0);
        // A true predicate returns without waiting (and without releasing the lock).
        co_await cv.acquire();
        auto v2 = co_await cv.wait_for([] { return 5; });
        CHECK(v2 == 5);
        CHECK(cv.locked());
        cv.release();
    };
    aio_test::run(main());
}

TEST_CASE("condition: a cancelled waiter re-acquires the lock before it raises", "[sync][condition][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::condition cv;
        std::vector<std::string> log;
        auto waiter = [&]() -> aio::coro<void> {
            auto held = co_await cv.scoped();
            try {
                co_await cv.wait();
            } catch (const aio::cancelled_error&) {
                log.push_back(cv.locked() ? "cancelled with lock" : "cancelled without lock");
                throw;
            }
        };
        auto t = aio::create_task(waiter());
        co_await settle();
        co_await cv.acquire();  // main holds the lock while the waiter is cancelled
        t.cancel();
        co_await settle();
        CHECK(log.empty());  // cannot raise yet: the lock is ours
        CHECK(wait_point(t) == "primitive/condition.relock");
        log.push_back("main releases");
        cv.release();
        CHECK_THROWS_AS(co_await t, aio::cancelled_error);
        CHECK(log == std::vector<std::string>{"main releases", "cancelled with lock"});
        CHECK_FALSE(cv.locked());  // released by the waiter's scoped_hold while unwinding
        CHECK(cv.waiting() == 0);
    };
    aio_test::run(main());
}

TEST_CASE("condition: a notification given to a waiter that is then cancelled passes to the next", "[sync][condition][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::condition cv;
        std::vector<int> woke;
        auto waiter = [&](int id) -> aio::coro<void> {
            auto held = co_await cv.scoped();
            co_await cv.wait();
            woke.push_back(id);
        };
        auto a = aio::create_task(waiter(0));
        auto b = aio::create_task(waiter(1));
        co_await settle();
        {
            auto held = co_await cv.scoped();
            cv.notify(1);  // a is notified ...
            a.cancel();    // ... and cancelled before it runs
        }
        CHECK_THROWS_AS(co_await a, aio::cancelled_error);
        co_await b;  // would hang (deadlock_error) if the notification was lost
        CHECK(woke == std::vector<int>{1});
    };
    aio_test::run(main());
}

TEST_CASE("condition: several conditions can share one lock", "[sync][condition]") {
    auto main = []() -> aio::coro<void> {
        aio::lock lk;
        aio::condition not_empty(lk), not_full(lk);
        CHECK(&not_empty.get_lock() == &lk);
        std::vector<int> buffer;
        std::vector<int> got;
        const std::size_t cap = 2;
        auto producer = [&]() -> aio::coro<void> {
            for (int i = 0; i < 6; ++i) {
                auto held = co_await not_full.scoped();
                co_await not_full.wait_for([&] { return buffer.size() < cap; });
                buffer.push_back(i);
                not_empty.notify();
            }
        };
        auto consumer = [&]() -> aio::coro<void> {
            for (int i = 0; i < 6; ++i) {
                auto held = co_await not_empty.scoped();
                co_await not_empty.wait_for([&] { return !buffer.empty(); });
                CHECK(buffer.size() <= cap);
                got.push_back(buffer.front());
                buffer.erase(buffer.begin());
                not_full.notify();
                held.release();
                co_await aio::sleep(0.1);
            }
        };
        auto c = aio::create_task(consumer());
        auto p = aio::create_task(producer());
        co_await p;
        co_await c;
        CHECK(got == std::vector<int>{0, 1, 2, 3, 4, 5});
        CHECK_FALSE(lk.locked());
    };
    aio_test::run(main());
}

// -------------------------------------------------------------------------------- semaphore

TEST_CASE("semaphore: counts permits; acquire suspends only when none is free", "[sync][semaphore]") {
    auto main = []() -> aio::coro<void> {
        CHECK_THROWS_AS(aio::semaphore(-1), std::invalid_argument);
        aio::semaphore sem(2);
        CHECK(sem.value() == 2);
        auto before = tick();
        co_await sem.acquire();
        co_await sem.acquire();
        CHECK(tick() == before);
        CHECK(sem.value() == 0);
        CHECK(sem.locked());
        bool got = false;
        auto t = aio::create_task([](aio::semaphore& s, bool& flag) -> aio::coro<void> {
            co_await s.acquire();
            flag = true;
        }(sem, got));
        co_await settle();
        CHECK_FALSE(got);
        CHECK(wait_point(t) == "primitive/semaphore");
        sem.release();  // straight to the waiter
        CHECK(sem.value() == 0);
        co_await t;
        CHECK(got);
        sem.release();
        sem.release();
        CHECK(sem.value() == 2);
        sem.release();  // a plain semaphore may go above its initial value
        CHECK(sem.value() == 3);
    };
    aio_test::run(main());
}

TEST_CASE("semaphore: FIFO; a newcomer never jumps the queue when a permit is released", "[sync][semaphore][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::semaphore sem(2);
        std::vector<std::string> order;
        auto worker = [&](std::string name) -> aio::coro<void> {
            auto held = co_await sem.scoped();
            order.push_back(name);
            co_await aio::sleep(1);
        };
        std::vector<aio::task<void>> tasks;
        for (const char* name : {"a", "b", "c", "d", "e"}) tasks.push_back(aio::create_task(worker(name)));
        co_await settle();
        CHECK(order == std::vector<std::string>{"a", "b"});
        CHECK(sem.waiting() == 3);
        for (auto& t : tasks) co_await t;
        CHECK(order == std::vector<std::string>{"a", "b", "c", "d", "e"});
        CHECK(sem.value() == 2);

        // A released permit goes to the first waiter, not to whoever asks next.
        order.clear();
        co_await sem.acquire();
        co_await sem.acquire();
        auto x = aio::create_task(worker("x"));
        auto y = aio::create_task(worker("y"));
        co_await settle();
        sem.release();
        CHECK(sem.locked());  // the permit is x's now
        co_await sem.acquire();  // newcomer: queues behind y
        order.push_back("main");
        co_await x;
        co_await y;
        CHECK(order == std::vector<std::string>{"x", "y", "main"});
        sem.release();
        sem.release();
        CHECK(sem.value() == 2);
    };
    aio_test::run(main());
}

TEST_CASE("semaphore: a queued waiter that is cancelled takes no permit", "[sync][semaphore][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::semaphore sem(1);
        std::vector<std::string> order;
        auto worker = [&](std::string name) -> aio::coro<void> {
            auto held = co_await sem.scoped();
            order.push_back(name);
        };
        co_await sem.acquire();
        auto a = aio::create_task(worker("a"));
        auto b = aio::create_task(worker("b"));
        co_await settle();
        a.cancel();
        co_await settle();
        CHECK(a.cancelled());
        CHECK(sem.waiting() == 1);
        CHECK(sem.value() == 0);
        sem.release();
        co_await b;
        CHECK(order == std::vector<std::string>{"b"});
        CHECK(sem.value() == 1);
    };
    aio_test::run(main());
}

TEST_CASE("semaphore: a waiter cancelled after being handed a permit passes it on", "[sync][semaphore][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::semaphore sem(1);
        std::vector<std::string> order;
        auto worker = [&](std::string name) -> aio::coro<void> {
            auto held = co_await sem.scoped();
            order.push_back(name);
            co_await aio::sleep(1);
        };
        co_await sem.acquire();
        auto a = aio::create_task(worker("a"));
        auto b = aio::create_task(worker("b"));
        co_await settle();
        sem.release();  // permit handed to a
        a.cancel();     // before a runs
        CHECK_THROWS_AS(co_await a, aio::cancelled_error);
        co_await settle();
        CHECK(order == std::vector<std::string>{"b"});
        co_await b;
        CHECK(sem.value() == 1);  // nothing leaked, nothing duplicated

        // Last waiter cancelled after the hand-over: the permit returns to the count.
        co_await sem.acquire();
        auto c = aio::create_task(worker("c"));
        co_await settle();
        sem.release();
        c.cancel();
        CHECK_THROWS_AS(co_await c, aio::cancelled_error);
        CHECK(sem.value() == 1);
        CHECK_FALSE(sem.locked());
    };
    aio_test::run(main());
}

TEST_CASE("bounded_semaphore: releasing past the initial value throws", "[sync][semaphore]") {
    auto main = []() -> aio::coro<void> {
        aio::bounded_semaphore sem(2);
        CHECK_THROWS_AS(sem.release(), std::invalid_argument);
        co_await sem.acquire();
        co_await sem.acquire();
        sem.release();
        sem.release();
        CHECK(sem.value() == 2);
        CHECK_THROWS_AS(sem.release(), std::invalid_argument);
        CHECK(sem.value() == 2);
        // With a hand-over in flight the count is still right.
        co_await sem.acquire();
        co_await sem.acquire();
        auto t = aio::create_task([](aio::bounded_semaphore& s) -> aio::coro<void> {
            auto held = co_await s.scoped();
        }(sem));
        co_await settle();
        sem.release();  // handed to t
        CHECK(sem.value() == 0);
        sem.release();
        CHECK(sem.value() == 1);
        co_await t;  // t gives its permit back
        CHECK(sem.value() == 2);
        CHECK_THROWS_AS(sem.release(), std::invalid_argument);
    };
    aio_test::run(main());
}

// ---------------------------------------------------------------------------------- barrier

TEST_CASE("barrier: parties wait for each other; indices in arrival order", "[sync][barrier][fifo]") {
    auto main = []() -> aio::coro<void> {
        CHECK_THROWS_AS(aio::barrier(0), std::invalid_argument);
        aio::barrier b(3);
        CHECK(b.parties() == 3);
        std::vector<std::string> log;
        auto party = [&](std::string name, double delay) -> aio::coro<std::size_t> {
            co_await aio::sleep(delay);
            std::size_t index = co_await b.wait();
            log.push_back(name + std::to_string(index) + "@" + std::to_string(static_cast<int>(aio::time())));
            co_return index;
        };
        auto x = aio::create_task(party("x", 2));
        auto y = aio::create_task(party("y", 1));
        co_await aio::sleep(2.5);
        CHECK(b.n_waiting() == 2);
        CHECK(wait_point(x) == "primitive/barrier");
        CHECK(log.empty());
        auto before = tick();
        std::size_t mine = co_await b.wait();  // completes the barrier: no suspension
        CHECK(tick() == before);
        CHECK(mine == 2);
        CHECK(b.n_waiting() == 0);
        auto v3 = co_await y;
        CHECK(v3 == 0);
        auto v4 = co_await x;
        CHECK(v4 == 1);
        CHECK(log == std::vector<std::string>{"y0@2", "x1@2"});
        CHECK_FALSE(b.broken());
    };
    aio_test::run(main());
}

TEST_CASE("barrier: cycles; a fast task re-entering while others drain waits for the next round", "[sync][barrier][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::barrier b(2);
        std::vector<std::string> log;
        auto runner = [&](std::string name, int rounds) -> aio::coro<void> {
            for (int r = 0; r < rounds; ++r) {
                std::size_t index = co_await b.wait();
                log.push_back(name + std::to_string(r) + ":" + std::to_string(index));
            }
        };
        auto a = aio::create_task(runner("a", 3));
        auto c = aio::create_task(runner("c", 3));
        co_await a;
        co_await c;
        // a arrives first (index 0); c completes the round (index 1) and goes on at once. Its next
        // wait() meets a barrier still draining (a has not left yet), so it waits; a leaves,
        // notifying c, and re-enters before c runs again: a takes index 0 and c completes round 1
        // as index 1 (asyncio: b0:1 a0:0 b1:1 a1:0 b2:1 a2:0 for tasks a, b).
        CHECK(log == std::vector<std::string>{"c0:1", "a0:0", "c1:1", "a1:0", "c2:1", "a2:0"});
        CHECK(b.n_waiting() == 0);

        // parties == 1: every wait passes at once.
        aio::barrier solo(1);
        auto v5 = co_await solo.wait();
        CHECK(v5 == 0);
        auto v6 = co_await solo.wait();
        CHECK(v6 == 0);
    };
    aio_test::run(main());
}

TEST_CASE("barrier: reuse gives asyncio's arrival indices and wake-up order", "[sync][barrier][fifo][fidelity]") {
    // python3 (3.11), tasks created in name order, each `for r in range(rounds): i = await b.wait()`:
    //   3 ['c0:2', 'a0:0', 'b0:1', 'a1:2', 'b1:0', 'c1:1', 'b2:2', 'c2:0', 'a2:1']
    //   2 ['b0:1', 'a0:0', 'b1:1', 'a1:0', 'b2:1', 'a2:0']
    //   4 ['d0:3', 'a0:0', 'b0:1', 'c0:2', 'b1:3', 'c1:0', 'd1:1', 'a1:2']
    auto scenario = [](std::size_t parties, std::string names, int rounds) -> aio::coro<std::vector<std::string>> {
        aio::barrier b(parties);
        std::vector<std::string> log;
        auto runner = [&](std::string name) -> aio::coro<void> {
            for (int r = 0; r < rounds; ++r) {
                std::size_t i = co_await b.wait();
                log.push_back(name + std::to_string(r) + ":" + std::to_string(i));
            }
        };
        std::vector<aio::task<void>> tasks;
        for (char n : names) tasks.push_back(aio::create_task(runner(std::string(1, n))));
        co_await aio::gather(tasks);
        co_return log;
    };
    auto main = [&]() -> aio::coro<void> {
        auto three = co_await scenario(3, "abc", 3);
        CHECK(three == std::vector<std::string>{"c0:2", "a0:0", "b0:1", "a1:2", "b1:0", "c1:1", "b2:2", "c2:0", "a2:1"});
        auto two = co_await scenario(2, "ab", 3);
        CHECK(two == std::vector<std::string>{"b0:1", "a0:0", "b1:1", "a1:0", "b2:1", "a2:0"});
        auto four = co_await scenario(4, "abcd", 2);
        CHECK(four == std::vector<std::string>{"d0:3", "a0:0", "b0:1", "c0:2", "b1:3", "c1:0", "d1:1", "a1:2"});
    };
    if (!aio_test::exploring()) aio_test::run(main());
}

TEST_CASE("barrier: abort() breaks it for current and future waiters", "[sync][barrier]") {
    auto main = []() -> aio::coro<void> {
        aio::barrier b(3);
        auto waiter = [&]() -> aio::coro<void> { (void)co_await b.wait(); };
        auto x = aio::create_task(waiter());
        auto y = aio::create_task(waiter());
        co_await settle();
        CHECK(b.n_waiting() == 2);
        b.abort();
        CHECK(b.broken());
        CHECK(b.n_waiting() == 0);
        CHECK_THROWS_AS(co_await x, aio::broken_barrier_error);
        CHECK_THROWS_AS(co_await y, aio::broken_barrier_error);
        CHECK_THROWS_AS(co_await b.wait(), aio::broken_barrier_error);
        b.reset();  // usable again
        CHECK_FALSE(b.broken());
        auto z = aio::create_task(waiter());
        auto w = aio::create_task(waiter());
        co_await settle();
        CHECK(b.n_waiting() == 2);
        auto v7 = co_await b.wait();
        CHECK(v7 == 2);
        co_await z;
        co_await w;
    };
    aio_test::run(main());
}

TEST_CASE("barrier: reset() fails the current waiters; arrivals during the reset wait for it", "[sync][barrier][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::barrier b(2);
        auto waiter = [&]() -> aio::coro<std::size_t> { co_return co_await b.wait(); };
        auto x = aio::create_task(waiter());
        co_await settle();
        CHECK(b.n_waiting() == 1);
        b.reset();
        CHECK_FALSE(b.broken());
        CHECK(b.n_waiting() == 0);           // resetting
        auto late = aio::create_task(waiter());  // runs after x has left
        std::size_t mine = co_await b.wait();    // arrives while x is still in: waits for the reset
        CHECK(mine == 1);  // x leaves and notifies; late runs before this task re-checks (asyncio too)
        auto v8 = co_await late;
        CHECK(v8 == 0);
        CHECK_THROWS_AS(co_await x, aio::broken_barrier_error);
        CHECK(b.n_waiting() == 0);
    };
    aio_test::run(main());
}

TEST_CASE("barrier: a cancelled waiter leaves without breaking the barrier", "[sync][barrier][cancel][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::barrier b(2);
        auto waiter = [&]() -> aio::coro<std::size_t> { co_return co_await b.wait(); };
        auto x = aio::create_task(waiter());
        co_await settle();
        CHECK(b.n_waiting() == 1);
        x.cancel();
        CHECK_THROWS_AS(co_await x, aio::cancelled_error);
        CHECK(b.n_waiting() == 0);
        CHECK_FALSE(b.broken());
        auto y = aio::create_task(waiter());
        co_await settle();
        auto v9 = co_await b.wait();
        CHECK(v9 == 1);
        auto v10 = co_await y;
        CHECK(v10 == 0);

        // Cancelled at the door (while the barrier drains): leaves without being counted.
        aio::barrier d(2);
        auto one = [](aio::barrier& bb) -> aio::coro<std::size_t> { co_return co_await bb.wait(); };
        auto first = aio::create_task(one(d));
        co_await settle();
        aio::task<std::size_t> door = aio::create_task(one(d));
        auto cancel_door = [&]() -> aio::coro<void> {  // named: the frame refers to the closure
            CHECK(wait_point(door) == "primitive/barrier.door");
            door.cancel();
            co_return;
        };
        auto canceller = aio::create_task(cancel_door());
        auto v11 = co_await d.wait();  // releases first, which has not left yet: draining
        CHECK(v11 == 1);
        CHECK_THROWS_AS(co_await door, aio::cancelled_error);
        co_await canceller;
        auto v12 = co_await first;
        CHECK(v12 == 0);
        CHECK(d.n_waiting() == 0);
        CHECK_FALSE(d.broken());
    };
    aio_test::run(main());
}
