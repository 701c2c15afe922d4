// shield(aw): protects `aw` from cancellation of the awaiting task. Cancelling the awaiter
// raises cancelled_error in it, but the inner task keeps running (asyncio.shield). A future that
// is already done is returned as it is (no wrapper), as asyncio does.
#pragma once

#include "aio/task.hpp"

namespace aio {

template <class A>
auto shield(A&& aw) -> future<await_result_t<A>> {
    using T = await_result_t<A>;
    auto inner = ensure_future(std::forward<A>(aw));
    using H = std::decay_t<decltype(inner)>;
    if constexpr (std::is_same_v<H, future<T>>) {
        if (inner.done()) return inner;
    }
    future<T> outer = inner.get_loop().template create_future<T>();
    inner.add_done_callback([outer](const H& in) {
        if (outer.cancelled()) {
            if (!in.cancelled()) in.exception();  // retrieved: nobody else will look
            return;
        }
        if (in.cancelled()) {
            outer.cancel();
        } else if (auto error = in.exception()) {
            outer.set_exception(error);
        } else if constexpr (std::is_void_v<T>) {
            outer.set_result();
        } else {
            outer.set_result(in.result());
        }
    });
    return outer;
}

}  // namespace aio
