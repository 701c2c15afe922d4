// 000 §3.1 loop.run_in_executor() (examples/python/t0_3_1_run_in_executor.py): a blocking HTTP
// call (requests.get) on the default thread pool. sync_get blocks its thread as requests does:
// it runs a loop of its own there (aio::run) until the response is in. The tutorial's sites need
// a network: run with AIO_NETWORK=simulated (wasm/README.md) where they cannot be reached.
#include <aio/aio.hpp>
#include <aio/http.hpp>

#include <cstdio>
#include <string>
#include <vector>

// 同步函数（阻塞）
int sync_get(std::string url) {
    // requests.get(url).status_code: blocks this thread until the response is in
    return aio::run(aio::http::request("GET", url)).status;
}

aio::coro<int> async_get(std::string url) {
    // 获取事件循环
    // loop = asyncio.get_event_loop(): aio::run_in_executor submits to the running loop's executor
    // 提交到线程池执行（None 表示使用默认线程池）
    aio::future<int> future = aio::run_in_executor(
        nullptr,   // 线程池执行器（可选自定义）
        sync_get,  // 同步函数
        url        // 函数参数
    );
    co_return co_await future;  // 等待线程池结果
}

aio::coro<void> main_() {
    std::vector<std::string> urls{"https://www.baidu.com", "https://www.github.com"};
    // 并发执行同步函数的异步包装
    std::vector<aio::coro<int>> calls;
    for (const std::string& url : urls) calls.push_back(async_get(url));
    std::vector<int> results = co_await aio::gather(std::move(calls));
    std::string shown;  // the list's repr
    for (int r : results) shown += (shown.empty() ? "" : ", ") + std::to_string(r);
    std::printf("结果: [%s]\n", shown.c_str());  // [200, 200]
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
