// Queues: aio::queue, aio::lifo_queue, aio::priority_queue (asyncio.Queue & co, Python 3.13).
#include "support.hpp"

// Note: never co_await inside CHECK()/REQUIRE(): Catch2 repeats the expression inside
// __builtin_constant_p for g++, which then runs the co_await twice.

#include "aio/queue.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using aio_test::settle;
using aio_test::tick;
using aio_test::wait_point;

template <class Q>
std::vector<int> drain(Q& q) {
    std::vector<int> out;
    while (!q.empty()) out.push_back(q.get_nowait());
    return out;
}

}  // namespace

TEST_CASE("queue: nowait operations, sizes and their errors", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(2);
        CHECK(q.maxsize() == 2);
        CHECK(q.empty());
        CHECK_FALSE(q.full());
        CHECK(q.qsize() == 0);
        CHECK_THROWS_AS(q.get_nowait(), aio::queue_empty);
        q.put_nowait(1);
        q.put_nowait(2);
        CHECK(q.full());
        CHECK(q.qsize() == 2);
        CHECK_THROWS_AS(q.put_nowait(3), aio::queue_full);
        CHECK(q.get_nowait() == 1);
        CHECK(q.get_nowait() == 2);
        CHECK(q.empty());

        aio::queue<int> unbounded;
        CHECK(unbounded.maxsize() == 0);
        for (int i = 0; i < 1000; ++i) unbounded.put_nowait(i);
        CHECK_FALSE(unbounded.full());
        CHECK(unbounded.qsize() == 1000);
        co_return;
    };
    aio_test::run(main());
}

TEST_CASE("queue: get from a non-empty queue and put with room do not suspend", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(3);
        auto before = tick();
        co_await q.put(1);
        co_await q.put(2);
        int a = co_await q.get();
        int b = co_await q.get();
        CHECK(tick() == before);
        CHECK(a == 1);
        CHECK(b == 2);
    };
    aio_test::run(main());
}

TEST_CASE("queue: FIFO, LIFO and priority order", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> fifo;
        aio::lifo_queue<int> lifo;
        aio::priority_queue<int> prio;
        aio::priority_queue<int, std::greater<int>> max_first;
        for (int v : {3, 1, 4, 1, 5, 9, 2, 6}) {
            co_await fifo.put(v);
            co_await lifo.put(v);
            co_await prio.put(v);
            max_first.put_nowait(v);
        }
        CHECK(drain(fifo) == std::vector<int>{3, 1, 4, 1, 5, 9, 2, 6});
        CHECK(drain(lifo) == std::vector<int>{6, 2, 9, 5, 1, 4, 1, 3});
        CHECK(drain(prio) == std::vector<int>{1, 1, 2, 3, 4, 5, 6, 9});
        CHECK(drain(max_first) == std::vector<int>{9, 6, 5, 4, 3, 2, 1, 1});

        // Python's (priority, data) tuples.
        aio::priority_queue<std::pair<int, std::string>> jobs;
        jobs.put_nowait({2, "write"});
        jobs.put_nowait({0, "urgent"});
        jobs.put_nowait({1, "read"});
        auto v1 = co_await jobs.get();
        CHECK(v1.second == "urgent");
        auto v2 = co_await jobs.get();
        CHECK(v2.second == "read");
        auto v3 = co_await jobs.get();
        CHECK(v3.second == "write");
    };
    aio_test::run(main());
}

TEST_CASE("queue: FIFO order survives ring wrap-around and growth; items are destroyed", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<std::string> q;
        int next_in = 0, next_out = 0;
        bool in_order = true;
        auto take = [&](int count) {
            for (int i = 0; i < count; ++i) {
                if (q.get_nowait() != "item-" + std::to_string(next_out++)) in_order = false;
            }
        };
        auto put = [&](int count) {
            for (int i = 0; i < count; ++i) q.put_nowait("item-" + std::to_string(next_in++));
        };
        put(10);
        take(7);
        put(30);  // grows while the ring's head is not at slot 0
        take(20);
        put(100);
        CHECK(q.qsize() == 113);
        take(113);
        CHECK(in_order);
        CHECK(q.empty());
        put(50);
        take(3);
        q.shutdown(true);  // drops (destroys) the rest; ASan/LSan would see a leak
        CHECK(q.qsize() == 0);
        co_return;
    };
    aio_test::run(main());
}

TEST_CASE("queue: move-only items", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<std::unique_ptr<int>> q(1);
        auto consumer = aio::create_task([](aio::queue<std::unique_ptr<int>>& qq) -> aio::coro<int> {
            int sum = 0;
            for (int i = 0; i < 3; ++i) sum += *co_await qq.get();
            co_return sum;
        }(q));
        for (int i = 1; i <= 3; ++i) co_await q.put(std::make_unique<int>(i));
        auto v4 = co_await consumer;
        CHECK(v4 == 6);
    };
    aio_test::run(main());
}

TEST_CASE("queue: blocked getters are served FIFO; a newcomer cannot take an item reserved for them", "[queue][fifo]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q;
        std::vector<std::string> got;
        auto getter = [&](std::string name) -> aio::coro<void> {
            int v = co_await q.get();
            got.push_back(name + "=" + std::to_string(v));
        };
        auto a = aio::create_task(getter("a"));
        auto b = aio::create_task(getter("b"));
        auto c = aio::create_task(getter("c"));
        co_await settle();
        CHECK(q.getters_waiting() == 3);
        CHECK(wait_point(a) == "primitive/queue.get");
        q.put_nowait(10);
        // 10 is reserved for a, which has not run yet.
        CHECK(q.qsize() == 1);
        CHECK(q.empty());
        CHECK_THROWS_AS(q.get_nowait(), aio::queue_empty);
        q.put_nowait(20);
        q.put_nowait(30);
        CHECK_THROWS_AS(q.get_nowait(), aio::queue_empty);  // all three are reserved
        q.put_nowait(40);
        // One item beyond the reservations: a newcomer may take one. Items leave in FIFO order
        // in the order the takers run (as in asyncio, where woken getters take the head).
        CHECK(q.get_nowait() == 10);
        CHECK(q.empty());
        co_await a;
        co_await b;
        co_await c;
        CHECK(got == std::vector<std::string>{"a=20", "b=30", "c=40"});
        CHECK(q.qsize() == 0);
    };
    aio_test::run(main());
}

TEST_CASE("queue: a priority getter takes the best item present when it runs", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::priority_queue<int> q;
        auto t = aio::create_task([](aio::priority_queue<int>& qq) -> aio::coro<int> { co_return co_await qq.get(); }(q));
        co_await settle();
        q.put_nowait(5);
        q.put_nowait(1);  // arrives before the woken getter runs (asyncio gives it 1 too)
        auto v5 = co_await t;
        CHECK(v5 == 1);
        CHECK(q.get_nowait() == 5);
    };
    aio_test::run(main());
}

TEST_CASE("queue: maxsize back-pressure between a fast producer and a slow consumer", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(3);
        std::vector<int> consumed;
        std::size_t max_seen = 0;
        std::vector<long> put_done;
        auto producer = [&]() -> aio::coro<void> {
            for (int i = 0; i < 10; ++i) {
                co_await q.put(i);
                max_seen = std::max(max_seen, q.qsize());
                put_done.push_back(std::lround(aio::time()));
            }
        };
        auto consumer = [&]() -> aio::coro<void> {
            for (int i = 0; i < 10; ++i) {
                co_await aio::sleep(1);
                consumed.push_back(co_await q.get());
                q.task_done();
            }
        };
        auto p = aio::create_task(producer());
        auto c = aio::create_task(consumer());
        co_await settle();
        CHECK(q.full());
        CHECK(q.putters_waiting() == 1);
        CHECK(wait_point(p) == "primitive/queue.put");
        co_await p;
        co_await c;
        CHECK(consumed == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        CHECK(max_seen == 3);
        // The first three puts went through at once; then one per consumed item.
        CHECK(put_done == std::vector<long>{0, 0, 0, 1, 2, 3, 4, 5, 6, 7});
        co_await q.join();
    };
    aio_test::run(main());
}

TEST_CASE("queue: blocked putters are served FIFO; a newcomer cannot take a reserved slot", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(1);
        q.put_nowait(0);
        auto putter = [&](int v) -> aio::coro<void> { co_await q.put(v); };
        auto a = aio::create_task(putter(1));
        co_await settle();  // a queues first, whatever the schedule
        auto b = aio::create_task(putter(2));
        co_await settle();
        CHECK(q.putters_waiting() == 2);
        CHECK(q.get_nowait() == 0);
        // The free slot is reserved for a.
        CHECK(q.qsize() == 0);
        CHECK(q.full());
        CHECK_THROWS_AS(q.put_nowait(99), aio::queue_full);
        co_await a;
        CHECK(q.get_nowait() == 1);
        co_await b;
        CHECK(q.get_nowait() == 2);
        CHECK(q.empty());
    };
    aio_test::run(main());
}

TEST_CASE("queue: task_done() and join()", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q;
        CHECK_THROWS_AS(q.task_done(), std::invalid_argument);
        auto before = tick();
        co_await q.join();  // nothing unfinished: returns at once
        CHECK(tick() == before);

        for (int i = 0; i < 3; ++i) q.put_nowait(i);
        bool joined = false;
        auto joiner = aio::create_task([](aio::queue<int>& qq, bool& flag) -> aio::coro<void> {
            co_await qq.join();
            flag = true;
        }(q, joined));
        co_await settle();
        CHECK(wait_point(joiner) == "primitive/queue.join");
        for (int i = 0; i < 3; ++i) (void)q.get_nowait();
        co_await settle();
        CHECK_FALSE(joined);  // taken is not done
        q.task_done();
        q.task_done();
        co_await settle();
        CHECK_FALSE(joined);
        q.task_done();
        co_await joiner;
        CHECK(joined);
        CHECK_THROWS_AS(q.task_done(), std::invalid_argument);

        // A cancelled joiner leaves; the others still return.
        q.put_nowait(7);
        auto j1 = aio::create_task([](aio::queue<int>& qq) -> aio::coro<void> { co_await qq.join(); }(q));
        auto j2 = aio::create_task([](aio::queue<int>& qq) -> aio::coro<void> { co_await qq.join(); }(q));
        co_await settle();
        j1.cancel();
        CHECK_THROWS_AS(co_await j1, aio::cancelled_error);
        CHECK(q.get_nowait() == 7);
        q.task_done();
        co_await j2;
    };
    aio_test::run(main());
}

TEST_CASE("queue: a cancelled blocked getter takes nothing; one cancelled after an item was reserved passes it on", "[queue][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q;
        std::vector<std::string> got;
        auto getter = [&](std::string name) -> aio::coro<void> {
            int v = co_await q.get();
            got.push_back(name + "=" + std::to_string(v));
        };
        auto a = aio::create_task(getter("a"));
        auto b = aio::create_task(getter("b"));
        auto c = aio::create_task(getter("c"));
        co_await settle();
        a.cancel();  // blocked
        CHECK_THROWS_AS(co_await a, aio::cancelled_error);
        CHECK(q.getters_waiting() == 2);
        q.put_nowait(1);  // reserved for b
        b.cancel();       // before b runs: 1 must go to c
        CHECK_THROWS_AS(co_await b, aio::cancelled_error);
        co_await c;
        CHECK(got == std::vector<std::string>{"c=1"});
        CHECK(q.qsize() == 0);

        // Reserved for the last getter, which is cancelled: the item stays for a newcomer.
        auto d = aio::create_task(getter("d"));
        co_await settle();
        q.put_nowait(2);
        d.cancel();
        CHECK_THROWS_AS(co_await d, aio::cancelled_error);
        CHECK_FALSE(q.empty());
        CHECK(q.get_nowait() == 2);
    };
    aio_test::run(main());
}

TEST_CASE("queue: a cancelled putter puts nothing; one cancelled after a slot was reserved passes it on", "[queue][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(1);
        q.put_nowait(0);
        auto putter = [&](int v) -> aio::coro<void> { co_await q.put(v); };
        auto a = aio::create_task(putter(1));
        auto b = aio::create_task(putter(2));
        auto c = aio::create_task(putter(3));
        co_await settle();
        a.cancel();  // blocked
        CHECK_THROWS_AS(co_await a, aio::cancelled_error);
        CHECK(q.putters_waiting() == 2);
        CHECK(q.get_nowait() == 0);  // slot reserved for b
        b.cancel();                  // before b runs: the slot goes to c
        CHECK_THROWS_AS(co_await b, aio::cancelled_error);
        co_await c;
        CHECK(q.get_nowait() == 3);
        CHECK(q.empty());
        CHECK_FALSE(q.full());
        // Only c's item was counted as unfinished.
        q.task_done();  // for 0
        q.task_done();  // for 3
        CHECK_THROWS_AS(q.task_done(), std::invalid_argument);
    };
    aio_test::run(main());
}

TEST_CASE("queue: a blocked getter/putter whose cancellation is withdrawn still raises and takes/puts nothing", "[queue][cancel]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> empty_q;
        aio::queue<int> full_q(1);
        full_q.put_nowait(0);
        auto g = aio::create_task([](aio::queue<int>& q) -> aio::coro<int> { co_return co_await q.get(); }(empty_q));
        auto p = aio::create_task([](aio::queue<int>& q) -> aio::coro<void> { co_await q.put(1); }(full_q));
        co_await settle();
        g.cancel();
        g.uncancel();
        p.cancel();
        p.uncancel();
        CHECK_THROWS_AS(co_await g, aio::cancelled_error);
        CHECK_THROWS_AS(co_await p, aio::cancelled_error);
        CHECK(full_q.qsize() == 1);
        CHECK(full_q.get_nowait() == 0);
        CHECK(full_q.empty());
        empty_q.put_nowait(5);
        CHECK(empty_q.get_nowait() == 5);
    };
    aio_test::run(main());
}

TEST_CASE("queue: shutdown() lets getters drain the rest, then everything raises queue_shut_down", "[queue][shutdown]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(2);
        q.put_nowait(1);
        q.put_nowait(2);
        auto blocked_putter = aio::create_task([](aio::queue<int>& qq) -> aio::coro<void> { co_await qq.put(3); }(q));
        co_await settle();
        CHECK(q.putters_waiting() == 1);
        q.shutdown();
        CHECK(q.is_shut_down());
        CHECK_THROWS_AS(co_await blocked_putter, aio::queue_shut_down);
        CHECK_THROWS_AS(q.put_nowait(4), aio::queue_shut_down);
        CHECK_THROWS_AS(co_await q.put(4), aio::queue_shut_down);
        CHECK(q.qsize() == 2);
        auto v6 = co_await q.get();
        CHECK(v6 == 1);
        CHECK(q.get_nowait() == 2);
        CHECK_THROWS_AS(q.get_nowait(), aio::queue_shut_down);
        CHECK_THROWS_AS(co_await q.get(), aio::queue_shut_down);
        // join() still waits for the drained items to be marked done.
        auto joiner = aio::create_task([](aio::queue<int>& qq) -> aio::coro<void> { co_await qq.join(); }(q));
        co_await settle();
        CHECK_FALSE(joiner.done());
        q.task_done();
        q.task_done();
        co_await joiner;

        // Blocked getters of an empty queue are woken with queue_shut_down.
        aio::queue<int> e;
        auto g1 = aio::create_task([](aio::queue<int>& qq) -> aio::coro<int> { co_return co_await qq.get(); }(e));
        auto g2 = aio::create_task([](aio::queue<int>& qq) -> aio::coro<int> { co_return co_await qq.get(); }(e));
        co_await settle();
        e.shutdown();
        CHECK_THROWS_AS(co_await g1, aio::queue_shut_down);
        CHECK_THROWS_AS(co_await g2, aio::queue_shut_down);
    };
    aio_test::run(main());
}

TEST_CASE("queue: a getter woken for an item keeps it across a non-immediate shutdown", "[queue][shutdown]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q;
        auto g1 = aio::create_task([](aio::queue<int>& qq) -> aio::coro<int> { co_return co_await qq.get(); }(q));
        co_await settle();  // g1 queues first, whatever the schedule
        auto g2 = aio::create_task([](aio::queue<int>& qq) -> aio::coro<int> { co_return co_await qq.get(); }(q));
        co_await settle();
        q.put_nowait(5);  // reserved for g1
        q.shutdown();
        auto v7 = co_await g1;
        CHECK(v7 == 5);
        CHECK_THROWS_AS(co_await g2, aio::queue_shut_down);
    };
    aio_test::run(main());
}

TEST_CASE("queue: shutdown(immediate) drops the items, releases join() and wakes everyone", "[queue][shutdown]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(2);
        q.put_nowait(1);
        q.put_nowait(2);
        auto putter = aio::create_task([](aio::queue<int>& qq) -> aio::coro<void> { co_await qq.put(3); }(q));
        auto joiner = aio::create_task([](aio::queue<int>& qq) -> aio::coro<void> { co_await qq.join(); }(q));
        co_await settle();
        CHECK_FALSE(joiner.done());
        q.shutdown(true);
        CHECK(q.qsize() == 0);
        CHECK_THROWS_AS(co_await putter, aio::queue_shut_down);
        co_await joiner;  // both dropped items were counted as done
        CHECK_THROWS_AS(q.get_nowait(), aio::queue_shut_down);
        CHECK_THROWS_AS(co_await q.get(), aio::queue_shut_down);
        CHECK_THROWS_AS(q.task_done(), std::invalid_argument);

        // An item already reserved for a woken getter is dropped too.
        aio::queue<int> r;
        auto g = aio::create_task([](aio::queue<int>& qq) -> aio::coro<int> { co_return co_await qq.get(); }(r));
        co_await settle();
        r.put_nowait(9);
        r.shutdown(true);
        CHECK_THROWS_AS(co_await g, aio::queue_shut_down);
        co_await r.join();

        // Items already taken but not marked done keep join() waiting.
        aio::queue<int> t;
        t.put_nowait(1);
        t.put_nowait(2);
        CHECK(t.get_nowait() == 1);
        t.shutdown(true);
        auto j = aio::create_task([](aio::queue<int>& qq) -> aio::coro<void> { co_await qq.join(); }(t));
        co_await settle();
        CHECK_FALSE(j.done());
        t.task_done();
        co_await j;
    };
    aio_test::run(main());
}

TEST_CASE("queue: many producers and consumers move every item exactly once", "[queue]") {
    auto main = []() -> aio::coro<void> {
        aio::queue<int> q(4);
        constexpr int producers = 5, consumers = 3, per_producer = 2000;
        std::vector<int> seen(producers * per_producer, 0);
        auto producer = [&](int id) -> aio::coro<void> {
            for (int i = 0; i < per_producer; ++i) {
                co_await q.put(id * per_producer + i);
                if (i % 7 == 0) co_await aio::sleep(0);
            }
        };
        auto consumer = [&]() -> aio::coro<void> {
            for (;;) {
                int v = co_await q.get();
                if (v < 0) co_return;
                ++seen[static_cast<std::size_t>(v)];
                q.task_done();
            }
        };
        std::vector<aio::task<void>> ps, cs;
        for (int c = 0; c < consumers; ++c) cs.push_back(aio::create_task(consumer()));
        for (int p = 0; p < producers; ++p) ps.push_back(aio::create_task(producer(p)));
        for (auto& p : ps) co_await p;
        co_await q.join();
        for (int c = 0; c < consumers; ++c) co_await q.put(-1);
        for (auto& c : cs) co_await c;
        bool all_once = std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; });
        CHECK(all_once);
    };
    aio_test::run(main());
}
