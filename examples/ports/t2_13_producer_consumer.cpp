// 002 生产者-消费者模式 (examples/python/t2_13_producer_consumer.py): a bounded queue, a stop
// signal, join(), then cancelling the consumer. Unseeded random numbers, as the snippet's `random`:
// the test compares the output by shape (digits blanked, lines in any order).
#include <aio/aio.hpp>

#include <cstdio>
#include <optional>
#include <random>

std::mt19937 rng{std::random_device{}()};

int randint(int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); }         // random.randint
double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }  // random.uniform

// Items are ints; std::nullopt is the snippet's None (the stop signal).
using item_queue = aio::queue<std::optional<int>>;

aio::coro<void> producer(item_queue& queue) {  // async def producer(queue):
    for (int i = 0; i < 10; ++i) {
        int item = randint(1, 100);
        co_await queue.put(item);
        std::printf("生产: %d\n", item);
        co_await aio::sleep(uniform(0.1, 0.5));
    }

    // 发送终止信号
    co_await queue.put(std::nullopt);
}

aio::coro<void> consumer(item_queue& queue) {  // async def consumer(queue):
    while (true) {
        std::optional<int> item = co_await queue.get();

        if (!item) {  // if item is None:
            // 收到终止信号，退出
            queue.task_done();
            break;
        }

        std::printf("消费: %d\n", *item);
        co_await aio::sleep(uniform(0.2, 0.8));
        queue.task_done();
    }
}

aio::coro<void> main_() {
    // 创建队列
    item_queue queue(5);  // asyncio.Queue(maxsize=5)

    // 创建任务
    auto producer_task = aio::create_task(producer(queue));
    auto consumer_task = aio::create_task(consumer(queue));

    // 等待生产者完成
    co_await producer_task;

    // 等待队列处理完成
    co_await queue.join();

    // 取消消费者任务
    consumer_task.cancel();
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
