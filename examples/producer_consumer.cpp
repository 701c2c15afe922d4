// Producer/consumer over a bounded queue (maxsize 5): a None sentinel stops the consumer,
// queue.join() waits until every item was processed, then the consumer task is cancelled.
// Tutorial: 002 异步编程模式 — 生产者-消费者模式.
//
// The tutorial draws items and pauses from `random`; here a seeded std::mt19937 does (its output
// is fixed by the standard, so every build prints the same run; change `seed` for another).
#include "lib/example.hpp"

#include <optional>
#include <random>

namespace {

// The two calls of Python's `random` the tutorial uses.
class random_source {
public:
    explicit random_source(unsigned seed) : gen_(seed) {}
    int randint(int a, int b) { return a + static_cast<int>(gen_() % static_cast<unsigned>(b - a + 1)); }
    double uniform(double a, double b) { return a + (b - a) * static_cast<double>(gen_() % 1001) / 1000.0; }

private:
    std::mt19937 gen_;
};

using item_queue = aio::queue<std::optional<int>>;  // std::nullopt plays None, the stop signal

aio::coro<void> producer(aio_examples::context& out, item_queue& queue, int items, random_source& random) {
    for (int i = 0; i < items; ++i) {
        int item = random.randint(1, 100);
        co_await queue.put(item);  // waits while the queue is full
        out.log("produced " + std::to_string(item) + " (queue " + std::to_string(queue.qsize()) + "/" +
                std::to_string(queue.maxsize()) + ")");
        co_await aio::sleep(random.uniform(0.1, 0.5));
    }
    co_await queue.put(std::nullopt);  // the stop signal
}

aio::coro<void> consumer(aio_examples::context& out, item_queue& queue, random_source& random) {
    for (;;) {
        std::optional<int> item = co_await queue.get();
        if (!item) {  // the stop signal: exit
            queue.task_done();
            out.log("consumer: got the stop signal");
            break;
        }
        out.log("consumed " + std::to_string(*item));
        co_await aio::sleep(random.uniform(0.2, 0.8));
        queue.task_done();
    }
}

aio::coro<void> main_(aio_examples::context& out) {
    item_queue queue(static_cast<std::size_t>(out.integer("maxsize")));  // asyncio.Queue(maxsize=5)
    auto seed = static_cast<unsigned>(out.integer("seed"));
    random_source producer_random(seed), consumer_random(seed + 1);

    auto producer_task = aio::create_task(producer(out, queue, out.integer("items"), producer_random));
    auto consumer_task = aio::create_task(consumer(out, queue, consumer_random));

    co_await producer_task;  // wait for the producer
    out.log("producer done");
    co_await queue.join();  // wait until every item was processed
    out.log("queue.join() returned: every item was processed");
    bool cancelled = consumer_task.cancel();  // cancel the consumer
    out.log(std::string("consumer_task.cancel() -> ") +
            (cancelled ? "true" : "false (it had already stopped at the stop signal)"));
}

const aio_examples::example_info info{"producer_consumer", main_, nullptr,
                                      {{"items", "10", "items the producer makes", aio_examples::param_kind::count},
                                       {"maxsize", "5", "capacity of the queue", aio_examples::param_kind::count},
                                       {"seed", "1", "seed of the random numbers", aio_examples::param_kind::count}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
