// asyncio's async generator hooks (CPython's BaseEventLoop._asyncgen_firstiter_hook,
// _asyncgen_finalizer_hook and shutdown_asyncgens): an async generator first iterated on a
// running loop belongs to it. Dropped unfinished, it is closed by an aclose() task on that loop;
// still alive when the loop shuts down (asyncio.run's end, Runner.close), it is closed then.
#include "python/asyncgen_hooks.hpp"
#include "python/asyncio_internal.hpp"
#include "python/generator.hpp"
#include "python/threads.hpp"

#include "aio/wait.hpp"

#include <algorithm>
#include <unordered_map>

namespace aio::py {

namespace {

// Per loop: its live generators in first-iteration order (CPython's WeakSet).
using Registry = std::unordered_map<const aio::event_loop*, std::vector<AsyncGenerator*>>;
Registry& registry() {
    static auto* r = new Registry;  // never destroyed: a generator can go during static destruction
    return *r;
}

void unregister(AsyncGenerator& g) {
    auto it = registry().find(g.finalizer_loop);
    if (it == registry().end()) return;
    auto& live = it->second;
    live.erase(std::remove(live.begin(), live.end(), &g), live.end());
}

// The loop's hooks (CPython's BaseEventLoop._asyncgen_firstiter_hook / _asyncgen_finalizer_hook).
void register_with(aio::event_loop& loop, AsyncGenerator& g) {
    if (g.finalizer_loop) return;
    g.finalizer_loop = &loop;
    registry()[&loop].push_back(&g);
}
void close_later(aio::event_loop& loop, Value gen) {
    asyncio::spawn(new_awaitable(gen.as<Generator>()->qualname, [gen] { return close_dropped_async_generator(gen); }), {}, &loop);
}

// A dropped generator's frame in a new object (CPython resurrects the same one), for its closing.
Value resurrect(AsyncGenerator& g) {
    auto* again = new AsyncGenerator(g.type, std::move(g.frame), g.qualname);
    again->code = g.code;
    again->hooks_inited = true;
    return Value(again);
}

// The Python view of a loop's hook: a bound method of the loop object.
Type loop_hook_type("method", &object_type, Kind::object);
struct LoopHook : Object {
    LoopHook(Value l, bool f) : Object(&loop_hook_type), loop(std::move(l)), finalizer(f) {}
    Value loop;  // the loop object
    bool finalizer;
};
LoopHook& hook(const Value* a, std::size_t n) {
    if (n == 0 || !isinstance(a[0], loop_hook_type)) raise(exc::TypeError, "a loop hook is required");
    return *static_cast<LoopHook*>(a[0].obj());
}
Value hook_repr(const Value* a, std::size_t n, const Tuple*) {
    LoopHook& h = hook(a, n);
    return new_str(std::string("<bound method BaseEventLoop.") +
                   (h.finalizer ? "_asyncgen_finalizer_hook" : "_asyncgen_firstiter_hook") + " of " + repr(h.loop) + ">");
}
Value hook_call(const Value* a, std::size_t n, const Tuple* kw) {
    LoopHook& h = hook(a, n);
    const char* name = h.finalizer ? "_asyncgen_finalizer_hook" : "_asyncgen_firstiter_hook";
    detail::no_kwargs(name, kw);
    if (n != 2)
        raise(exc::TypeError, std::string("BaseEventLoop.") + name + "() " +
                                  (n < 2 ? "missing 1 required positional argument: 'agen'"
                                         : "takes 2 positional arguments but " + std::to_string(n) + " were given"));
    if (!isinstance(a[1], async_generator_type))  // CPython's WeakSet add/discard
        raise(exc::TypeError, "cannot create weak reference to '" + type_name(a[1]) + "' object");
    aio::event_loop& loop = asyncio::loop_of(h.loop);
    auto& g = *a[1].as<AsyncGenerator>();
    if (!h.finalizer) {
        register_with(loop, g);
        return Value();
    }
    unregister(g);
    g.finalizer_loop = nullptr;
    if (!loop.is_closed()) close_later(loop, a[1]);
    return Value();
}

}  // namespace

Value loop_asyncgen_hook(aio::event_loop& loop, bool finalizer) {
    if (!loop_hook_type.dict.count("__call__")) {
        def_method(loop_hook_type, "__repr__", hook_repr);
        def_method(loop_hook_type, "__call__", hook_call);
    }
    return Value(new LoopHook(asyncio::loop_object(loop), finalizer));
}

void asyncgen_first_iteration(AsyncGenerator& g) {
    g.hooks_inited = true;
    if (const AsyncgenHooks* set = program_asyncgen_hooks()) {  // sys.set_asyncgen_hooks's
        const AsyncgenHooks hooks = *set;  // the hook may set others
        g.program_hooks = true;
        g.finalizer = hooks.finalizer;
        if (!hooks.firstiter.is_none()) call(hooks.firstiter, {Value(&g)});
        return;
    }
    register_with(*aio::detail::this_thread.running_loop, g);  // the running loop's own
}

void asyncgen_dropped(AsyncGenerator& g) noexcept {
    aio::event_loop* loop = g.finalizer_loop;
    unregister(g);
    if (!g.frame || !g.frame->started) return;
    try {
        if (g.program_hooks) {
            if (g.finalizer.is_none()) {  // no finalizer: closed at once, as CPython's gen_close
                Value out;
                step(g, Value(), new_exception(exc::GeneratorExit, {}), out);  // a yield or await there: dropped
                return;
            }
            Value finalizer = std::move(g.finalizer);
            call(finalizer, {resurrect(g)});
            return;
        }
        if (!aio::detail::loop_alive(loop) || loop->is_closed()) return;
        close_later(*loop, resurrect(g));
    } catch (...) {  // a destructor: the generator is then dropped without its cleanup
    }
}

namespace asyncio {

aio::coro<Value> shutdown_asyncgens(aio::event_loop& loop) {
    std::vector<Value> closing;
    if (auto it = registry().find(&loop); it != registry().end()) {
        for (AsyncGenerator* g : it->second) {
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
    forget_default_executor(loop);
    forget_asyncgen_hooks(&loop);
    auto it = registry().find(&loop);
    if (it == registry().end()) return;
    for (AsyncGenerator* g : it->second) g->finalizer_loop = nullptr;
    registry().erase(it);
}

}  // namespace asyncio
}  // namespace aio::py
