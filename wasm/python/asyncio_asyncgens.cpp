// asyncio's async generator hooks (CPython's BaseEventLoop._asyncgen_firstiter_hook,
// _asyncgen_finalizer_hook and shutdown_asyncgens): an async generator first iterated on a
// running loop belongs to it. Dropped unfinished, it is closed by an aclose() task on that loop;
// still alive when the loop shuts down (asyncio.run's end, Runner.close), it is closed then.
#include "python/asyncio_internal.hpp"
#include "python/generator.hpp"
#include "python/threads.hpp"

#include "aio/wait.hpp"

#include <algorithm>
#include <unordered_map>

namespace aio::py {

namespace {

// Per loop: its live generators in first-iteration order (CPython's WeakSet).
using Registry = std::unordered_map<const aio::event_loop*, std::vector<Generator*>>;
Registry& registry() {
    static auto* r = new Registry;  // never destroyed: a generator can go during static destruction
    return *r;
}

void unregister(Generator& g) {
    auto it = registry().find(g.finalizer_loop);
    if (it == registry().end()) return;
    auto& live = it->second;
    live.erase(std::remove(live.begin(), live.end(), &g), live.end());
}

}  // namespace

void asyncgen_first_iteration(Generator& g) {
    g.hooks_inited = true;
    aio::event_loop* loop = aio::detail::this_thread.running_loop;
    if (!loop || green_thread_loop()) return;  // CPython sets the hooks on the loop's own thread only
    g.finalizer_loop = loop;
    registry()[loop].push_back(&g);
}

void asyncgen_dropped(Generator& g) noexcept {
    aio::event_loop* loop = g.finalizer_loop;
    unregister(g);
    if (!g.frame || !g.frame->started || !aio::detail::loop_alive(loop) || loop->is_closed()) return;
    try {
        // The object is going: a new one takes its frame (CPython resurrects the same object).
        auto* again = new Generator(g.type, std::move(g.frame), g.qualname);
        again->code = g.code;
        again->hooks_inited = true;
        Value gen(again);
        asyncio::spawn(new_awaitable(g.qualname, [gen] { return close_dropped_async_generator(gen); }), {}, loop);
    } catch (...) {  // a destructor: the generator is then dropped without its cleanup
    }
}

namespace asyncio {

aio::coro<Value> shutdown_asyncgens(aio::event_loop& loop) {
    std::vector<Value> closing;
    if (auto it = registry().find(&loop); it != registry().end()) {
        for (Generator* g : it->second) {
            g->finalizer_loop = nullptr;  // closed here; dropped later, it has nothing left to do
            closing.emplace_back(g);
        }
        it->second.clear();
    }
    if (closing.empty()) co_return Value();
    std::vector<aio::task<Value>> tasks;  // gather(*[ag.aclose() for ag in closing], return_exceptions=True)
    for (auto& g : closing) tasks.push_back(spawn(asyncgen_aclose(g), {}, &loop));
    co_await aio::wait(tasks);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (tasks[i].cancelled() || !tasks[i].exception()) continue;
        Value error = from_aio_error(tasks[i].exception());
        if (!isinstance(error, exc::Exception)) continue;
        Value context = new_dict();
        setitem(context, new_str("message"),
                new_str("an error occurred during closing of asynchronous generator " + repr(closing[i])));
        setitem(context, new_str("exception"), error);
        setitem(context, new_str("asyncgen"), closing[i]);
        call_exception_handler(loop, context);
    }
    co_return Value();
}

void shut_down_loop(aio::event_loop& loop) noexcept {
    try {
        loop.cancel_all_tasks();
        auto closing = spawn(awaitable("shutdown_asyncgens", [&loop] { return shutdown_asyncgens(loop); }), {}, &loop);
        loop.run_until_done(*closing.core());
    } catch (...) {
        loop.call_exception_handler({"error while shutting down the loop", std::current_exception()});
    }
    loop.shutdown_after_run();
    forget_asyncgens(loop);
}

void forget_asyncgens(aio::event_loop& loop) noexcept {
    auto it = registry().find(&loop);
    if (it == registry().end()) return;
    for (Generator* g : it->second) g->finalizer_loop = nullptr;
    registry().erase(it);
}

}  // namespace asyncio
}  // namespace aio::py
