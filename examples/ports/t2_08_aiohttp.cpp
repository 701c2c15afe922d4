// 002 异步网络请求 (examples/python/t2_08_aiohttp.py): three pages fetched at once over one
// session. aiohttp.ClientSession is aio::http::client_session. The tutorial's sites need a
// network: run with AIO_NETWORK=simulated (wasm/README.md) where they cannot be reached.
#include <aio/aio.hpp>
#include <aio/http.hpp>

#include <cstdio>
#include <string>
#include <vector>

// len(str): characters, not the UTF-8 bytes the body holds.
std::size_t characters(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

aio::coro<std::string> fetch(const aio::http::client_session& session, std::string url) {
    // async with session.get(url) as response: return await response.text()
    aio::http::response response = co_await session.get(url);
    co_return response.text();
}

aio::coro<void> main_() {
    std::vector<std::string> urls{
        "https://www.example.com",
        "https://www.python.org",
        "https://www.github.com"
    };

    // async with aiohttp.ClientSession() as session: a session holds only settings here, so
    // there is nothing to close when the block ends
    aio::http::client_session session;
    // 并发获取多个URL
    std::vector<aio::coro<std::string>> tasks;
    for (const std::string& url : urls) tasks.push_back(fetch(session, url));
    std::vector<std::string> results = co_await aio::gather(std::move(tasks));

    for (std::size_t i = 0; i < results.size(); ++i)  // for i, result in enumerate(results):
        std::printf("URL %zu 响应长度: %zu 字符\n", i + 1, characters(results[i]));
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
