// Files (aiofiles): write three files concurrently, read them back concurrently, print the
// contents. `async with aiofiles.open(name, 'w') as f: await f.write(content)` is
// aio::files::with_open(path, "w", body); the blocking calls never run on the loop (natively on
// the to_thread pool, in Node through fs.promises, in a browser on a virtual folder).
// Tutorials: 000 §4.2 异步文件操作（aiofiles）; 002 异步文件IO; 003 实际应用示例 2. 异步文件操作;
// 004 §7.3 文件 IO.
#include "lib/example.hpp"

#include "aio/files.hpp"

#include <utility>
#include <vector>

namespace {

namespace files = aio::files;

// async def write_file(filename, content)
aio::coro<void> write_file(aio_examples::context& out, std::string dir, std::string name, std::string content) {
    co_await files::with_open(dir + "/" + name, "w", [&](files::file& f) -> aio::coro<void> {
        co_await f.write(content);  // await f.write(content)
    });
    out.log("written: " + name);  // the three writes finish in any order
}

// async def read_file(filename): returns (filename, content)
aio::coro<std::pair<std::string, std::string>> read_file(std::string dir, std::string name) {
    std::string content;
    co_await files::with_open(dir + "/" + name, "r", [&](files::file& f) -> aio::coro<void> {
        content = co_await f.read();  // content = await f.read()
    });
    co_return std::pair{name, content};
}

aio::coro<void> main_(aio_examples::context& out) {
    const std::string dir = out.text("dir");
    co_await files::make_dirs(dir);

    // await asyncio.gather(write_file("file1.txt", "异步文件1"), ...)
    co_await aio::gather(write_file(out, dir, "file1.txt", "异步文件1"), write_file(out, dir, "file2.txt", "异步文件2"),
                         write_file(out, dir, "file3.txt", "异步文件3"));

    // results = await asyncio.gather(*[read_file(f) for f in files]): in argument order
    std::vector<aio::coro<std::pair<std::string, std::string>>> reads;
    for (const char* name : {"file1.txt", "file2.txt", "file3.txt"}) reads.push_back(read_file(dir, name));
    for (const auto& [name, content] : co_await aio::gather(std::move(reads)))
        out.log(name + " content: " + content);
}

const aio_examples::example_info info{
    "files", main_, nullptr,
    {{"dir", "/tmp/aio-example-files", "directory for file1.txt..file3.txt (created if missing)", aio_examples::param_kind::path}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
