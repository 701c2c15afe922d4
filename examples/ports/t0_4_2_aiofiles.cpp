// 000 §4.2 异步文件操作（aiofiles） (examples/python/t0_4_2_aiofiles.py): three files written at
// once, then read back at once. aiofiles.open is aio::files::with_open (`async with`); the calls
// run off the loop (natively on the to_thread pool, in Node through its fs.promises).
#include <aio/aio.hpp>
#include <aio/files.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

aio::coro<void> write_file(std::string filename, std::string content) {
    // 异步写入文件
    // async with aiofiles.open(filename, 'w', encoding='utf-8') as f:  (strings are UTF-8 bytes)
    co_await aio::files::with_open(filename, "w", [&](aio::files::file& f) -> aio::coro<void> {
        co_await f.write(content);  // 异步写入
    });
    std::printf("已写入: %s\n", filename.c_str());
}

aio::coro<std::pair<std::string, std::string>> read_file(std::string filename) {
    // 异步读取文件
    std::string content;
    co_await aio::files::with_open(filename, "r", [&](aio::files::file& f) -> aio::coro<void> {
        content = co_await f.read();  // 异步读取
    });
    co_return std::pair{filename, content};  // return filename, content
}

aio::coro<void> main_() {
    // 并发写入3个文件
    co_await aio::gather(
        write_file("file1.txt", "异步文件1"),
        write_file("file2.txt", "异步文件2"),
        write_file("file3.txt", "异步文件3")
    );

    // 并发读取文件
    std::vector<std::string> files{"file1.txt", "file2.txt", "file3.txt"};
    std::vector<aio::coro<std::pair<std::string, std::string>>> reads;
    for (const std::string& f : files) reads.push_back(read_file(f));  // [read_file(f) for f in files]
    auto results = co_await aio::gather(std::move(reads));

    // 打印内容
    for (const auto& [name, content] : results) std::printf("%s 内容: %s\n", name.c_str(), content.c_str());
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
