// 003 实际应用示例 1. 异步 HTTP 请求 (examples/python/t3_10_aiohttp.py): each fetch opens its own
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

aio::coro<std::string> fetch(std::string url) {
    // async with aiohttp.ClientSession() as session: a session holds only settings here, so
    // there is nothing to close when the block ends
    aio::http::client_session session;
    // async with session.get(url) as response: return await response.text()
    aio::http::response response = co_await session.get(url);
    co_return response.text();
}

aio::coro<void> main_() {
    std::vector<std::string> urls{
        "https://example.com",
        "https://python.org",
        "https://github.com"
    };

    // 并发获取所有URL的内容
    std::vector<aio::coro<std::string>> fetches;
    for (const std::string& url : urls) fetches.push_back(fetch(url));
    std::vector<std::string> results = co_await aio::gather(std::move(fetches));

    for (std::size_t i = 0; i < urls.size(); ++i)  // for url, content in zip(urls, results):
        std::printf("%s: %zu bytes\n", urls[i].c_str(), characters(results[i]));
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
