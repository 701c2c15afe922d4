// Python threads (wasm/python/threads.hpp) where the front-end differs from CPython on purpose,
// so there is no CPython recording to compare with: which sleeps release the GIL, and what a
// coroutine gets when it would have to block on a thread. The CPython-defined behaviour is in
// tests/python/asyncio/threads.py (run by test_py_asyncio.cpp).
#include "python/asyncio.hpp"
#include "python/modules.hpp"
#include "python/run.hpp"
#include "py_support.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

std::string run_program(const std::string& source) { return py_test::run_on_virtual_clock(source, "threads_test.py"); }

const char* prelude = R"(import asyncio, time
from concurrent.futures import ThreadPoolExecutor
async def ticker(loop, t0):
    for _ in range(3):
        await asyncio.sleep(1)
        print("tick", loop.time() - t0)
)";

}  // namespace

TEST_CASE("a thread's own time.sleep releases the GIL; one reached through C++ or a nested call holds it", "[python][fifo]") {
    // straight from the thread's function: the ticker runs meanwhile
    CHECK(run_program(std::string(prelude) + R"(
def f():
    time.sleep(2)
    return "f"
async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.gather(asyncio.to_thread(f), ticker(loop, t0)))
    print("took", loop.time() - t0)
asyncio.run(main())
)") == "tick 1.0\ntick 2.0\ntick 3.0\n['f', None]\ntook 3.0\n[exit 0]\n");
    // map(time.sleep, ...) and a sleeping helper block: the loop's time jumps, no tick between
    CHECK(run_program(std::string(prelude) + R"(
def helper():
    time.sleep(2)
def f():
    list(map(time.sleep, [1, 1]))
    helper()
    return "f"
async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.gather(asyncio.to_thread(f), ticker(loop, t0)))
    print("took", loop.time() - t0)
asyncio.run(main())
)") == "tick 4.0\ntick 5.0\ntick 6.0\n['f', None]\ntook 6.0\n[exit 0]\n");
}

TEST_CASE("threads: what a coroutine cannot wait for, bad arguments", "[python][fifo]") {
    CHECK(run_program(std::string(prelude) + R"(
async def main():
    ex = ThreadPoolExecutor(max_workers=1)
    fut = ex.submit(time.sleep, 1)
    await asyncio.sleep(0)  # the thread starts when the loop gets to it
    print(fut.running(), fut.done())
    try:
        fut.result()
    except RuntimeError as e:
        print(str(e)[:45])
    queued = ex.submit(time.sleep, 1)
    print("cancel queued", queued.cancel(), queued.cancelled(), "cancel running", fut.cancel())
    await asyncio.sleep(1)
    print(fut.done(), fut.result())
    for bad in [lambda: asyncio.to_thread(), lambda: asyncio.get_running_loop().run_in_executor(1, print)]:
        try:
            bad()
        except (TypeError, AttributeError) as e:
            print(type(e).__name__, e)
    try:
        asyncio.run(asyncio.sleep(0))
    except RuntimeError as e:
        print(e)
asyncio.run(main())
)") == "True False\nFuture.result() would block the event loop (a\ncancel queued True True cancel running False\n"
           "True None\nTypeError to_thread() missing 1 required positional argument: 'func'\n"
           "AttributeError 'int' object has no attribute 'submit'\n"
           "asyncio.run() cannot be called from a running event loop\n[exit 0]\n");
}
