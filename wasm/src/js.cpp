// JS Promise interop (see aio/js.hpp). C++ and JS meet through integer ids: JS never holds a
// pointer into wasm memory, so a promise that settles after its awaiter was cancelled (or after
// the frame is gone) finds no entry and its value is simply dropped. wasm only (AIO_IO_WASM_BACKENDS).
#include "aio/js.hpp"

#include "aio/detail/host_io.hpp"

#include <emscripten.h>

#include <unordered_map>

// Emscripten 3.1.6's JS optimizer (acorn) cannot walk object spread ({...x}): no spreads here.
// clang-format off
EM_JS(void, aio_js_install_glue, (), {
    if (Module.aioJs) return;
    const results = new Map();    // id -> settlement, between JS settling and C++ taking it
    const deferreds = new Map();  // id -> {resolve, reject} of promises handed to JS
    let nextDeferred = 1;
    const describe = (reason) => {
        let name = 'Error';
        let message;
        try {
            if (reason !== null && (typeof reason === 'object' || typeof reason === 'function')) {
                if (reason.name !== undefined) name = String(reason.name);
                message = reason.message !== undefined ? String(reason.message) : String(reason);
            } else {
                message = String(reason);
            }
        } catch (e) {
            message = '(unprintable rejection reason)';
        }
        return { name, message };
    };
    const settle = (id, r) => {
        results.set(id, r);
        if (!_aio_js_settled(id)) {  // nobody waits any more: drop it
            results.delete(id);
            Module.aioJs.dropped++;
        }
    };
    Module.aioJs = {
        dropped: 0,  // settlements that found no awaiter (cancelled first); for tests
        track(id, p) {
            let promise;
            try {
                promise = Promise.resolve(p);
            } catch (e) {
                promise = Promise.reject(e);
            }
            promise.then((value) => settle(id, { ok: true, value }),
                         (reason) => settle(id, Object.assign({ ok: false, reason }, describe(reason))));
        },
        take(id) {
            const r = results.get(id);
            results.delete(id);
            return r;
        },
        deferred() {
            const id = nextDeferred++;
            const promise = new Promise((resolve, reject) => deferreds.set(id, { resolve, reject }));
            return { id, promise };
        },
        resolve(id, value) {
            const d = deferreds.get(id);
            deferreds.delete(id);
            if (d) d.resolve(value);
        },
        reject(id, name, message) {
            const d = deferreds.get(id);
            deferreds.delete(id);
            if (!d) return;
            const e = new Error(message);
            e.name = name;
            d.reject(e);
        },
        stringify(value) {
            try {
                const text = JSON.stringify(value);
                if (text === undefined) return { ok: false, name: 'TypeError', message: 'value is not JSON-serializable' };
                return { ok: true, text };
            } catch (e) {
                return Object.assign({ ok: false }, describe(e));
            }
        },
    };
});
// clang-format on

namespace {

using emscripten::val;

struct pending_entry {
    aio::future<val> result;
    aio::event_loop* loop;
};

// Promises awaited now, by id. Main runtime thread only (JS values live there).
std::unordered_map<std::uint32_t, pending_entry>& pending() {
    static auto* table = new std::unordered_map<std::uint32_t, pending_entry>;
    return *table;
}
std::uint32_t next_id = 0;

}  // namespace

// Called from the glue when promise `id` settled. Returns 0 if nobody waits for it any more.
extern "C" EMSCRIPTEN_KEEPALIVE int aio_js_settled(std::uint32_t id) {
    auto it = pending().find(id);
    if (it == pending().end()) return 0;
    pending_entry entry = std::move(it->second);
    pending().erase(it);
    entry.loop->release_external();
    val r = aio::js::detail::glue().call<val>("take", id);
    if (entry.result.done()) return 1;  // the awaiter was cancelled and has not left yet: drop
    if (r["ok"].as<bool>()) {
        entry.result.set_result(r["value"]);
    } else {
        entry.result.set_exception(aio::js_error(r["name"].as<std::string>(), r["message"].as<std::string>()));
    }
    return 1;
}

namespace aio::js {

namespace detail {

val glue() {
    static bool installed = false;
    if (!installed) {
        aio_js_install_glue();
        installed = true;
    }
    return val::module_property("aioJs");
}

namespace {
// Releases the id (and the loop's hold) when the awaiting frame ends before the promise settled.
struct tracked_guard {
    std::uint32_t id;
    std::function<void(std::uint32_t)> abandon;
    tracked_guard(std::uint32_t i, std::function<void(std::uint32_t)> a) : id(i), abandon(std::move(a)) {}
    tracked_guard(const tracked_guard&) = delete;
    tracked_guard& operator=(const tracked_guard&) = delete;
    ~tracked_guard() {
        auto it = pending().find(id);
        if (it == pending().end()) return;  // settled and delivered
        event_loop* loop = it->second.loop;
        pending().erase(it);
        loop->release_external();
        if (abandon) abandon(id);
    }
};
}  // namespace

coro<val> await_tracked(std::string_view label, std::function<void(std::uint32_t)> start,
                        std::function<void(std::uint32_t)> abandon) {
    event_loop& loop = get_running_loop();
    if (!loop.attached_to_host())
        throw invalid_state_error(
            "JS promises can only be awaited on the host-driven loop (aio::run_main on the main thread): "
            "a self-driven loop blocks the JS thread, so the promise could never settle");
    future<val> result = loop.create_future<val>();
    std::uint32_t id = ++next_id;
    while (id == 0 || pending().count(id)) id = ++next_id;
    pending().emplace(id, pending_entry{result, &loop});
    loop.hold_external();
    tracked_guard guard{id, std::move(abandon)};
    start(id);
    co_return co_await aio::detail::host_io_awaiter<val>(*aio::detail::core_access::of(result), label);
}

val new_deferred(std::uint32_t& id) {
    val d = glue().call<val>("deferred");
    id = d["id"].as<std::uint32_t>();
    return d["promise"];
}

void resolve_deferred(std::uint32_t id, const val& value) { glue().call<void>("resolve", id, value); }

void reject_deferred(std::uint32_t id, std::exception_ptr error) {
    std::string name = "CppError";
    std::string message;
    try {
        std::rethrow_exception(error);
    } catch (const cancelled_error& e) {
        name = "CancelledError";
        message = e.message().empty() ? "the task was cancelled" : e.message();
    } catch (const js_error& e) {
        name = e.name();
        message = e.message();
    } catch (...) {
        message = describe(std::current_exception());
    }
    glue().call<void>("reject", id, name, message);
}

}  // namespace detail

coro<val> await_promise(val promise) {
    co_return co_await detail::await_tracked("js promise", [&promise](std::uint32_t id) {
        detail::glue().call<void>("track", id, promise);
    });
}

coro<std::string> await_string(val promise) {
    val v = co_await await_promise(std::move(promise));
    if (!v.isString())
        throw js_error("TypeError", "expected the promise to fulfil with a string, got " +
                                        v.typeOf().as<std::string>());
    co_return v.as<std::string>();
}

coro<double> await_number(val promise) {
    val v = co_await await_promise(std::move(promise));
    if (!v.isNumber())
        throw js_error("TypeError", "expected the promise to fulfil with a number, got " +
                                        v.typeOf().as<std::string>());
    co_return v.as<double>();
}

coro<std::string> await_json(val promise) {
    val v = co_await await_promise(std::move(promise));
    val r = detail::glue().call<val>("stringify", v);
    if (!r["ok"].as<bool>()) throw js_error(r["name"].as<std::string>(), r["message"].as<std::string>());
    co_return r["text"].as<std::string>();
}

}  // namespace aio::js
