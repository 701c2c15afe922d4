// 003 实际应用示例 2. 异步文件操作 (examples/python/t3_11_aiofiles.py): write test.txt, read it
// back. aiofiles.open is aio::files::with_open (`async with`).
#include <aio/aio.hpp>
#include <aio/files.hpp>

#include <cstdio>
#include <string>

aio::coro<void> write_file(std::string filename, std::string content) {
    co_await aio::files::with_open(filename, "w", [&](aio::files::file& f) -> aio::coro<void> {
        co_await f.write(content);
    });
}

aio::coro<std::string> read_file(std::string filename) {
    // async with aiofiles.open(filename, 'r') as f: return await f.read()
    auto content = co_await aio::files::with_open(filename, "r", [](aio::files::file& f) -> aio::coro<std::string> {
        co_return co_await f.read();
    });
    co_return *content;
}

aio::coro<void> main_() {
    co_await write_file("test.txt", "Hello, async world!");
    std::string content = co_await read_file("test.txt");
    std::printf("%s\n", content.c_str());  // 输出: Hello, async world!
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
