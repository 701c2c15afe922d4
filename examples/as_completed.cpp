// as_completed: handle each result as soon as its task finishes, in completion order.
// Tutorial: 001 asyncio.as_completed ("先完成的任务先被处理，无需等待所有任务结束"; its code block
// is cut off in the tutorial, so the workload here is the fetch of its other demos).
#include "lib/example.hpp"

#include <algorithm>
#include <vector>

namespace {

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", s);
    return text;
}

aio::coro<std::string> fetch(aio_examples::context& out, std::string url, double delay) {
    out.log("fetching " + url);
    co_await aio::sleep(delay);
    co_return url + " (took " + seconds(delay) + " s)";
}

aio::coro<void> main_(aio_examples::context& out) {
    std::vector<aio::coro<std::string>> aws;
    std::string delays = out.text("delays");
    for (std::size_t from = 0; from <= delays.size();) {
        std::size_t comma = std::min(delays.find(',', from), delays.size());
        if (comma > from)
            aws.push_back(fetch(out, "url" + std::to_string(aws.size() + 1), std::stod(delays.substr(from, comma - from))));
        from = comma + 1;
    }

    // for coro in asyncio.as_completed(aws): result = await coro
    for (auto next : aio::as_completed(std::move(aws))) {
        std::string result = co_await next;
        out.log("done: " + result);
    }
}

const aio_examples::example_info info{
    "as_completed", main_, nullptr, {{"delays", "3,1,2", "comma-separated seconds each fetch takes"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
