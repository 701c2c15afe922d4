// 000 §4.1 异步网络请求（aiohttp） (examples/python/t0_4_1_aiohttp.py): four sites at once over one
// session, each request retried 3 times, 1 s apart; the invalid host fails every time.
// aiohttp.ClientSession is aio::http::client_session; a failure prints as aiohttp's exception
// would (aiohttp_text below). The tutorial's sites need a network: run with
// AIO_NETWORK=simulated (wasm/README.md) where they cannot be reached.
#include <aio/aio.hpp>
#include <aio/http.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

// The snippet's result dicts: {"url", "status", "length"} or {"url", "error"}.
struct result {
    std::string url;
    int status = 0;
    std::size_t length = 0;
    std::optional<std::string> error;
};

// len(str): characters, not the UTF-8 bytes the body holds.
std::size_t characters(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

// str(e) for the exception aiohttp raises: ClientConnectorError names host and port; a timeout
// is asyncio.TimeoutError, whose text is empty.
std::string aiohttp_text(const std::string& url, const aio::http::error& e) {
    if (!dynamic_cast<const aio::http::connection_error*>(&e)) return e.what();
    std::string authority = aio::http::origin_of(url);
    const bool https = authority.starts_with("https://");
    authority = authority.substr(authority.find("://") + 3);
    if (authority.find(':') == std::string::npos) authority += https ? ":443" : ":80";
    return "Cannot connect to host " + authority + " ssl:default [" + e.what() + "]";
}

aio::coro<result> fetch(const aio::http::client_session& session, std::string url, int retry = 3) {
    // 带重试机制的异步请求
    aio::http::request_options options;
    options.timeout = 10;  // timeout = ClientTimeout(total=10)  # 超时控制（10秒）
    std::string e;
    try {
        // async with session.get(url, timeout=timeout) as response:
        aio::http::response response = co_await session.get(url, std::move(options));
        co_return result{url, response.status, characters(response.text()), std::nullopt};
    } catch (const aio::http::error& error) {  // except Exception as e:
        e = aiohttp_text(url, error);
    } catch (const aio::timeout_error&) {
        e = "";
    }
    // (C++ cannot co_await inside a catch block: the handler's body goes on here)
    if (retry > 0) {
        std::printf("请求 %s 失败，重试 %d 次: %s\n", url.c_str(), retry - 1, e.c_str());
        co_await aio::sleep(1);  // 重试前等待1秒
        co_return co_await fetch(session, url, retry - 1);
    }
    co_return result{url, 0, 0, e};
}

aio::coro<void> main_() {
    std::vector<std::string> urls{
        "https://www.baidu.com",
        "https://www.github.com",
        "https://www.python.org",
        "https://invalid.url"
    };

    // 创建会话（复用连接，提高效率）: a session holds only settings here, so there is nothing
    // to close when the `async with` block ends
    aio::http::client_session session;
    // 生成任务列表
    std::vector<aio::coro<result>> tasks;
    for (const std::string& url : urls) tasks.push_back(fetch(session, url));
    // 并发执行
    std::vector<result> results = co_await aio::gather(std::move(tasks));

    // 输出结果
    for (const result& res : results) {
        if (res.error)
            std::printf("%s: %s\n", res.url.c_str(), res.error->c_str());
        else
            std::printf("%s | 状态: %d | 长度: %zu\n", res.url.c_str(), res.status, res.length);
    }
}

int main() { aio::run_main(main_()); }  // asyncio.run(main())
