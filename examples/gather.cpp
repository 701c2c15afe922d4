// gather: run awaitables concurrently; results come back in argument order, not completion order.
// Tutorial: 000 §2.3.1 (task(1), task(2), task(0.5) -> [1, 2, 0.5]); 002 (gather of three tasks
// with prints); 003 (say_after with gather).
#include "lib/example.hpp"

namespace {

aio::coro<double> task(aio_examples::context& out, double i) {  // async def task(i):
    out.log("task(" + std::to_string(i).substr(0, 3) + ") starts");
    co_await aio::sleep(i);
    out.log("task(" + std::to_string(i).substr(0, 3) + ") done");
    co_return i;
}

aio::coro<void> main_(aio_examples::context& out) {
    auto [a, b, c] = co_await aio::gather(task(out, out.number("first")), task(out, out.number("second")),
                                          task(out, out.number("third")));
    out.printf("results: [%g, %g, %g]  (argument order, not completion order)", a, b, c);
}

const aio_examples::example_info info{"gather", main_, nullptr,
                                      {{"first", "1", "seconds the first task sleeps"},
                                       {"second", "2", "seconds the second task sleeps"},
                                       {"third", "0.5", "seconds the third task sleeps"}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
