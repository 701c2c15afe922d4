// Sync versus async timing: the same waits one after another versus all at once.
// Tutorials: 004 §5.1 同步 vs 异步 (five 1 s sleeps: "同步耗时 ~5 秒" vs "异步耗时 ~1 秒") and
// §1.2 为什么需要异步 IO (two 2 s tasks: 4 s serially, 2 s concurrently); 001 sync_demo.py /
// async_demo.py ("Fetching the URL", timed with perf_counter); 002 同步 vs 异步; 000 (introduction:
// "IO 密集型任务 ... 性能提升显著").
//
// The tutorials' sync versions call time.sleep, which blocks the whole thread (the loop with it:
// see the pitfalls example). Here the "sync" side awaits its waits one after another, which costs
// the same time and also runs on the virtual clock, where the timings below are exact.
//
// Tutorial mistake (004 §1.2): its async version awaits gather at the top level of a script
// (`results = await asyncio.gather(task1(), task2())`), which Python rejects with SyntaxError:
// 'await' outside function. Here, as in Python, the awaits live in a coroutine (main_).
#include "lib/example.hpp"

#include <vector>

namespace {

aio::coro<std::string> fetch_url(aio_examples::context& out, std::string url, double seconds) {
    out.log("Fetching the URL " + url);
    co_await aio::sleep(seconds);  // stands in for the network round trip
    out.log("Finished fetching the URL");
    co_return "url_content";
}

aio::coro<std::string> read_file(aio_examples::context& out, std::string path, double seconds) {
    out.log("Reading the file " + path);
    co_await aio::sleep(seconds);
    out.log("Finished reading the file");
    co_return "file_content";
}

// asyncio.sleep(1) is a coroutine in Python; aio::sleep gives an awaiter, so a list of sleeps for
// gather wraps it in one.
aio::coro<void> sleep_for(double seconds) { co_await aio::sleep(seconds); }

aio::coro<void> main_(aio_examples::context& out) {
    const double s = out.number("seconds");
    const int count = out.integer("count");

    out.print("-- sync_demo: one step after the other --");
    double start = aio::time();  // perf_counter()
    co_await fetch_url(out, "https://www.example.com/", s);
    co_await read_file(out, "data.json", s);
    out.printf("Elapsed: %.2f seconds", aio::time() - start);

    out.print("-- async_demo: both steps as tasks --");
    start = aio::time();
    auto task1 = aio::create_task(fetch_url(out, "https://www.example.com/", s));
    auto task2 = aio::create_task(read_file(out, "data.json", s));
    co_await task1;
    co_await task2;
    out.printf("Elapsed: %.2f seconds", aio::time() - start);

    out.printf("-- %d sleeps of %g s --", count, s);
    start = aio::time();
    for (int i = 0; i < count; ++i) co_await aio::sleep(s);  // for i in range(5): sleep(1)
    double sync = aio::time() - start;

    start = aio::time();
    std::vector<aio::coro<void>> sleeps;
    for (int i = 0; i < count; ++i) sleeps.push_back(sleep_for(s));
    co_await aio::gather(std::move(sleeps));  // await asyncio.gather(*[asyncio.sleep(1) for _ in range(5)])
    double async = aio::time() - start;
    out.printf("sync: %.2f s, async: %.2f s", sync, async);
}

const aio_examples::example_info info{"sync_vs_async", main_, nullptr,
                                      {{"seconds", "1", "seconds each wait takes"},
                                       {"count", "5", "waits in the second comparison", aio_examples::param_kind::count}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
