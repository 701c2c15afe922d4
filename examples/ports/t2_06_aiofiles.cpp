// 002 异步IO操作 / 异步文件IO (examples/python/t2_06_aiofiles.py): read example.txt, write
// output.txt. aiofiles.open is aio::files::with_open (`async with`). It reads the tutorial's
// example.txt from the folder it runs in (the tests put examples/python/fixtures/ there).
#include <aio/aio.hpp>
#include <aio/files.hpp>

#include <cstdio>
#include <string>

aio::coro<std::string> read_file(std::string filename) {
    // async with aiofiles.open(filename, 'r') as f: content = await f.read(); return content
    auto content = co_await aio::files::with_open(filename, "r", [](aio::files::file& f) -> aio::coro<std::string> {
        co_return co_await f.read();
    });
    co_return *content;  // the file closes without error, so the block's value is there
}

aio::coro<void> write_file(std::string filename, std::string content) {
    co_await aio::files::with_open(filename, "w", [&](aio::files::file& f) -> aio::coro<void> {
        co_await f.write(content);
    });
}

aio::coro<void> main_() {
    // 读取文件
    std::string content = co_await read_file("example.txt");
    std::printf("文件内容: %s\n", content.c_str());

    // 写入文件
    co_await write_file("output.txt", "Hello, Async IO!");
    std::printf("文件写入完成\n");
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
