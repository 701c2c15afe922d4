// 004 §7.3 文件 IO (examples/python/t4_7_3_aiofiles.py): aiofiles - 异步文件操作. The snippet
// defines read_file() and never runs it, so this program prints nothing either.
#include <aio/aio.hpp>
#include <aio/files.hpp>

#include <string>

aio::coro<std::string> read_file() {
    // async with aiofiles.open('file.txt', 'r') as f: content = await f.read(); return content
    auto content = co_await aio::files::with_open("file.txt", "r", [](aio::files::file& f) -> aio::coro<std::string> {
        co_return co_await f.read();
    });
    co_return *content;
}

int main() { return 0; }  // nothing in the snippet calls read_file()
