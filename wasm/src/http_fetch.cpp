// The wasm HTTP backend (see http_backend.hpp): the host's global fetch() with an
// AbortController, through aio/js.hpp's promise ids.
#include "http_backend.hpp"

#include "aio/js.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include <emscripten.h>
#include <emscripten/val.h>

// clang-format off
EM_JS(void, aio_http_install_glue, (), {
    if (Module.aioHttp) return;
    const controllers = new Map();  // id -> AbortController of a running fetch
    const describe = (e) => {
        let text = String((e && e.message) || e);
        const cause = e && e.cause;
        if (cause) text += ' (' + (cause.code || cause.message || String(cause)) + ')';
        return text;
    };
    // Settles with a tagged object, never rejects: {ok: true, status, ...} or {ok: false, kind}.
    // The body, or null once it passes `max` bytes (-1: no limit): then the transfer is aborted
    // at once, from Content-Length when the server sends one, else as the bytes arrive.
    const readBody = async (resp, controller, max) => {
        if (max < 0) return new Uint8Array(await resp.arrayBuffer());
        if (Number(resp.headers.get('content-length')) > max || !resp.body) {
            if (resp.body) { controller.abort(); return null; }
            return new Uint8Array(0);
        }
        const reader = resp.body.getReader();
        const chunks = [];
        let total = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            total += value.length;
            if (total > max) { controller.abort(); return null; }
            chunks.push(value);
        }
        const bytes = new Uint8Array(total);
        let at = 0;
        for (const c of chunks) { bytes.set(c, at); at += c.length; }
        return bytes;
    };
    const run = async (controller, method, url, headers, body, follow, max) => {
        try {
            new URL(url);
        } catch (e) {
            return { ok: false, kind: 'url', message: 'invalid URL ' + url + ': ' + describe(e) };
        }
        let resp;
        try {
            resp = await fetch(url, { method, headers, body, signal: controller.signal, redirect: follow ? 'follow' : 'manual' });
        } catch (e) {
            if (e && e.name === 'AbortError') return { ok: false, kind: 'aborted', message: 'aborted' };
            // Node: TypeError "fetch failed" with a cause (ECONNREFUSED...); browsers: TypeError
            // "Failed to fetch" / "NetworkError ..." / "Load failed". Other TypeErrors are misuse.
            const network = e instanceof TypeError &&
                (e.cause !== undefined || /fetch|network|load failed/i.test(String(e.message)));
            return { ok: false, kind: network ? 'connection' : 'error', message: describe(e) };
        }
        // A browser hides a redirect's target from fetch() (an opaque response): not checkable.
        if (resp.type === 'opaqueredirect') return { ok: false, kind: 'redirect', message: 'redirected to a target the browser hides' };
        try {
            const bytes = await readBody(resp, controller, max);
            if (bytes === null) return { ok: false, kind: 'too_large', message: 'the response body is larger than ' + max + ' bytes' };
            // Status text, final URL and header fields as one string (none can hold a line
            // break): C++ reads it with one conversion instead of two per field.
            let head = resp.statusText + '\n' + (resp.url || url);
            for (const [name, value] of resp.headers) head += '\n' + name + '\n' + value;
            return { ok: true, status: resp.status, head, body: bytes };
        } catch (e) {
            if (e && e.name === 'AbortError') return { ok: false, kind: 'aborted', message: 'aborted' };
            return { ok: false, kind: 'connection', message: 'reading the body failed: ' + describe(e) };
        }
    };
    Module.aioHttp = {
        start(id, method, url, headers, body, follow, max) {
            const controller = new AbortController();
            controllers.set(id, controller);
            // The body is a view of wasm memory: copy it before anything can grow the heap.
            const copy = body === undefined ? undefined : body.slice();
            Module.aioJs.track(id, run(controller, method, url, headers, copy, follow, max).finally(() => controllers.delete(id)));
        },
        abort(id) {
            const c = controllers.get(id);
            controllers.delete(id);
            if (c) c.abort();
        },
        active() { return controllers.size; },
    };
});
// clang-format on

namespace aio::http::detail {

namespace {
using emscripten::val;

// Module.aioHttp, looked up once: a request makes one call into it, not a property lookup too.
const val& http_glue() {
    static const val glue = [] {
        aio::js::detail::glue();  // Module.aioJs first
        aio_http_install_glue();
        return val::module_property("aioHttp");
    }();
    return glue;
}
}  // namespace

coro<response> perform(prepared_request request) {
    if (!aio::get_running_loop().attached_to_host())
        throw invalid_state_error(
            "aio::http in wasm needs the host-driven loop (aio::run_main on the main thread): fetch() "
            "settles from the JS event loop, which a self-driven loop blocks");
    val r = co_await aio::js::detail::await_tracked(
        "http fetch",
        [&request](std::uint32_t id) {
            val fields = val::array();
            for (const auto& [name, value] : request.headers) {
                val pair = val::array();
                pair.call<void>("push", name);
                pair.call<void>("push", value);
                fields.call<void>("push", pair);
            }
            val body = val::undefined();
            if (request.body)
                body = val(emscripten::typed_memory_view(request.body->size(),
                                                         reinterpret_cast<const std::uint8_t*>(request.body->data())));
            double max = request.max_body_bytes ? static_cast<double>(*request.max_body_bytes) : -1.0;
            http_glue().call<void>("start", id, request.method, request.url, fields, body, request.follow_redirects, max);
        },
        [](std::uint32_t id) { http_glue().call<void>("abort", id); });
    if (!r["ok"].as<bool>()) {
        std::string kind = r["kind"].as<std::string>();
        std::string what = request.method + " " + request.url + ": " + r["message"].as<std::string>();
        if (kind == "url") throw invalid_url_error(what);
        if (kind == "redirect") throw forbidden_origin_error(request.url, "a redirect target the browser hides", "no way to check it");
        if (kind == "connection") throw connection_error(what);
        if (kind == "too_large") throw body_too_large_error(what, *request.max_body_bytes);
        throw error(what);
    }
    response out;
    out.status = r["status"].as<int>();
    // "reason\nurl(\nname\nvalue)*"
    std::string head = r["head"].as<std::string>();
    std::string_view rest = head;
    auto next_line = [&rest] {
        std::size_t end = std::min(rest.find('\n'), rest.size());
        std::string_view line = rest.substr(0, end);
        rest.remove_prefix(std::min(end + 1, rest.size()));
        return std::string(line);
    };
    out.reason = next_line();
    out.url = next_line();
    while (!rest.empty()) {
        std::string name = next_line();
        out.headers.add(std::move(name), next_line());
    }
    val bytes = r["body"];
    std::size_t size = bytes["length"].as<std::size_t>();
    out.body.resize(size);
    if (size)
        val(emscripten::typed_memory_view(size, reinterpret_cast<std::uint8_t*>(out.body.data())))
            .call<void>("set", bytes);
    co_return out;
}

}  // namespace aio::http::detail

