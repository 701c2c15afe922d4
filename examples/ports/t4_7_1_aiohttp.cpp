// 004 §7.1 aiohttp - 异步 HTTP 客户端 (examples/python/t4_7_1_aiohttp.py): aiohttp.ClientSession
// is aio::http::client_session. The snippet defines fetch(url) and never runs it, so this
// program prints nothing either.
#include <aio/aio.hpp>
#include <aio/http.hpp>

#include <string>

aio::coro<std::string> fetch(std::string url) {
    // async with aiohttp.ClientSession() as session: a session holds only settings here, so
    // there is nothing to close when the block ends
    aio::http::client_session session;
    // async with session.get(url) as response: return await response.text()
    aio::http::response response = co_await session.get(url);
    co_return response.text();
}

int main() { return 0; }  // the snippet never runs fetch()
