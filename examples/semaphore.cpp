// Semaphore(3): ten tasks, never more than three inside the guarded block at once.
// Tutorials: 003 最佳实践 4 (limited_task with Semaphore(3), 10 tasks); 002 最佳实践 4
// ("合理控制并发任务数量").
#include "lib/example.hpp"

#include <algorithm>
#include <vector>

namespace {

struct occupancy {
    int inside = 0;
    int most = 0;
};

// async def limited_task(semaphore, task_id):
aio::coro<void> limited_task(aio_examples::context& out, aio::semaphore& semaphore, int task_id, double seconds,
                             occupancy& count) {
    auto held = co_await semaphore.scoped();  // async with semaphore:  (released when `held` goes)
    count.most = std::max(count.most, ++count.inside);
    out.log("Task " + std::to_string(task_id) + " started (" + std::to_string(count.inside) + " inside)");
    co_await aio::sleep(seconds);
    out.log("Task " + std::to_string(task_id) + " completed");
    --count.inside;
}

aio::coro<void> main_(aio_examples::context& out) {
    aio::semaphore semaphore(out.integer("limit"));  // at most 3 at once
    occupancy count;
    std::vector<aio::coro<void>> tasks;
    for (int i = 0; i < out.integer("tasks"); ++i)
        tasks.push_back(limited_task(out, semaphore, i, out.number("seconds"), count));
    co_await aio::gather(std::move(tasks));
    out.printf("at most %d tasks were inside at once", count.most);
}

const aio_examples::example_info info{"semaphore", main_, nullptr,
                                      {{"limit", "3", "permits of the semaphore", aio_examples::param_kind::count},
                                       {"tasks", "10", "tasks competing for them", aio_examples::param_kind::count},
                                       {"seconds", "1", "seconds each task holds its permit"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
