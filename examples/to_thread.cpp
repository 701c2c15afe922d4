// Blocking functions moved off the loop onto threads: to_thread (the default pool),
// run_in_executor(None, ...) (the default pool too) and run_in_executor with a custom pool of at
// most 10 workers. Three blocking calls gathered take about one call's time, not three.
// Tutorials: 004 §3.1 使用 asyncio.to_thread (blocking_task gathered three times); 000 §3.1
// loop.run_in_executor (sync_get for two URLs -> [200, 200]) and §3.2 自定义线程池
// (ThreadPoolExecutor(max_workers=10)); 001 asyncio.to_thread; 002 最佳实践 8.
// The nested sync/async case (004 §3.2, §3.3) is the nested_sync_async example.
//
// Where the host has no threads (plain wasm, aio::threads_available() false) the calls run on the
// loop thread, one after the other, and the loop logs that it did so; on the virtual clock (the
// sandbox page) aio::blocking_sleep then simulates the threads: each call's result comes after
// its own blocking time, so the lesson holds without freezing the page (aio/thread.hpp).
#include "lib/example.hpp"

#include <chrono>
#include <algorithm>
#include <cmath>

namespace {

std::string blocking_task(double seconds) {  // def blocking_task(): sleep(5); return "结果"
    aio::blocking_sleep(seconds);
    return "result";
}

// def sync_get(url): return requests.get(url).status_code
// A simulated blocking HTTP call, and the program says so: a blocking sleep stands in for the
// round trip and 200 for the status (a real blocking request cannot be made on the page's
// thread-less build; the http example makes real requests with the asynchronous client).
int sync_get(std::string url, double seconds) {
    (void)url;
    aio::blocking_sleep(seconds);
    return 200;
}

// async def async_task(): return await asyncio.to_thread(blocking_task)
aio::coro<std::string> async_task(aio_examples::context& out, int i, double seconds) {
    out.log("async_task " + std::to_string(i) + ": blocking_task goes to a thread");
    co_return co_await aio::to_thread(blocking_task, seconds);
}

// async def async_get(url): return await loop.run_in_executor(None, sync_get, url)
aio::coro<int> async_get(std::string url, double seconds) {
    co_return co_await aio::run_in_executor(nullptr, sync_get, url, seconds);
}

aio::coro<void> main_(aio_examples::context& out) {
    const double seconds = out.number("blocking");
    out.printf("threads: %s", aio::threads_available() ? "yes" : "no (calls run on the loop thread; on the virtual clock as simulated threads)");

    // Real threads block in wall time (the virtual clock does not move meanwhile); simulated
    // ones on the virtual clock only: the longer of the two is what the calls took.
    auto wall = std::chrono::steady_clock::now();
    const double loop_start = aio::time();
    auto [a, b, c] = co_await aio::gather(async_task(out, 1, seconds), async_task(out, 2, seconds),
                                          async_task(out, 3, seconds));
    double took = std::max(std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(),
                           aio::time() - loop_start);
    out.log("results: ['" + a + "', '" + b + "', '" + c + "']");
    out.printf("3 blocking calls took %ldx the time of one", std::lround(took / seconds));

    out.printf("sync_get is simulated: a %gs blocking sleep, then status 200 (no request is made)", seconds);
    auto [s1, s2] = co_await aio::gather(async_get("https://www.baidu.com", seconds),
                                         async_get("https://www.github.com", seconds));
    out.log("run_in_executor(None, sync_get, url) x2: [" + std::to_string(s1) + ", " + std::to_string(s2) + "]");

    // executor = ThreadPoolExecutor(max_workers=10)
    // Tutorial mistake (000 §3.2): the default pool is not "CPU cores × 5" (Python 3.5-3.7); since 3.8
    // ThreadPoolExecutor() has min(32, os.cpu_count() + 4) workers, as aio::default_executor() does.
    aio::thread_pool_executor executor(static_cast<std::size_t>(out.integer("max_workers")));
    int status = co_await aio::run_in_executor(executor, sync_get, "https://www.baidu.com", seconds);
    out.log("custom pool (max_workers=" + std::to_string(executor.max_workers()) + "): " + std::to_string(status));
}

const aio_examples::example_info info{"to_thread", main_, nullptr,
                                      {{"blocking", "5", "seconds each blocking call takes (time.sleep)"},
                                       {"max_workers", "10", "threads in the custom pool", aio_examples::param_kind::count}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
