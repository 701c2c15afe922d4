// HTTP client (see aio/http.hpp): the host-independent session logic (URL joining, headers,
// timeouts, retries) and one backend per host:
//   wasm   -> the host's global fetch() with an AbortController, through aio/js.hpp's promise ids
//   native -> libcurl's multi interface on one process-wide curl thread
#include "aio/http.hpp"

#include "aio/detail/host_io.hpp"
#include "aio/faults.hpp"
#include "aio/sleep.hpp"
#include "aio/timeout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace aio::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", s);
    return buf;
}

}  // namespace

// ----------------------------------------------------------------------------- errors, headers

status_error::status_error(int status, std::string reason, std::string url)
    : error("HTTP " + std::to_string(status) + (reason.empty() ? std::string() : " " + reason) + " for " + url),
      status_(status),
      reason_(std::move(reason)),
      url_(std::move(url)) {}

const headers::field* headers::find(std::string_view name) const {
    for (const auto& f : fields_)
        if (iequals(f.first, name)) return &f;
    return nullptr;
}

std::optional<std::string> headers::get(std::string_view name) const {
    if (const field* f = find(name)) return f->second;
    return std::nullopt;
}

void headers::set(std::string name, std::string value) {
    remove(name);
    fields_.emplace_back(std::move(name), std::move(value));
}

std::size_t headers::remove(std::string_view name) {
    auto before = fields_.size();
    std::erase_if(fields_, [&](const field& f) { return iequals(f.first, name); });
    return before - fields_.size();
}

nlohmann::json response::json() const {
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::out_of_range& e) {
        // "1e999": the body cannot be read as JSON here, which callers catch as parse_error.
        throw nlohmann::json::parse_error::create(e.id, 0, e.what(), nullptr);
    }
}

void response::raise_for_status() const {
    if (status >= 400) throw status_error(status, reason, url);
}

// ----------------------------------------------------------------------------- session

namespace detail {

std::string join_url(const std::string& base, const std::string& url) {
    auto absolute = [](std::string_view u) { return istarts_with(u, "http://") || istarts_with(u, "https://"); };
    std::string full;
    if (absolute(url) || base.empty()) {
        full = url;
    } else {
        std::string_view b = base;
        std::string_view u = url;
        while (!b.empty() && b.back() == '/') b.remove_suffix(1);
        while (!u.empty() && u.front() == '/') u.remove_prefix(1);
        full = std::string(b) + "/" + std::string(u);
    }
    if (!absolute(full)) throw invalid_url_error("invalid URL '" + full + "': expected an absolute http:// or https:// URL");
    std::string_view rest = std::string_view(full).substr(full.find("//") + 2);
    if (rest.empty() || rest.front() == '/' || rest.front() == ':' || rest.front() == '?')
        throw invalid_url_error("invalid URL '" + full + "': no host");
    for (char c : full)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            throw invalid_url_error("invalid URL '" + full + "': contains whitespace or control characters");
    return full;
}

void read_header_line(response& out, std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    if (line.substr(0, 5) == "HTTP/") {
        // A new response (after a redirect or 100 Continue): start over.
        out.headers = {};
        out.body.clear();
        out.reason.clear();
        auto sp1 = line.find(' ');
        auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
        if (sp2 != std::string_view::npos) out.reason = std::string(line.substr(sp2 + 1));
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        out.headers.add(std::move(name), std::string(value));
    }
}

}  // namespace detail

namespace {

struct send_plan {
    std::string base_url;
    detail::prepared_request request;  // url not joined yet
    std::optional<double> timeout;
    int retries = 0;
    double backoff = 0;
    double max_backoff = 0;
    std::vector<int> retry_statuses;
    bool raise_for_status = false;
};

// One attempt on the backend, after the fault injection hook (aio/faults.hpp, target::http): an
// injected failure is a connection_error, so `retries` handles it; injected latency and hangs
// count inside the attempt's timeout.
coro<response> perform_with_faults(const detail::prepared_request& request) {
    if (auto failure = co_await aio::faults::before(aio::faults::target::http, request.method + " " + request.url))
        throw connection_error(*failure);
    co_return co_await detail::perform(request);
}

// A redirect's Location, resolved against the URL that answered.
std::string resolve_location(const std::string& from, const std::string& location) {
    if (istarts_with(location, "http://") || istarts_with(location, "https://")) return location;
    if (location.starts_with("//")) return from.substr(0, from.find("//")) + location;
    std::string origin = origin_of(from);
    if (location.starts_with("/")) return origin + location;
    auto path_start = from.find('/', from.find("//") + 2);
    std::string path = path_start == std::string::npos ? "/" : from.substr(path_start);
    path = path.substr(0, path.find_first_of("?#"));
    return origin + path.substr(0, path.rfind('/') + 1) + location;
}

bool is_redirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// Under an allow-list the backend follows no redirect: each hop is checked here before it is
// requested, so no request ever reaches an origin off the list.
coro<response> perform_allowed(const detail::prepared_request& request, const std::optional<allow_list>& allowed) {
    if (!allowed) co_return co_await perform_with_faults(request);
    detail::prepared_request hop = request;
    hop.follow_redirects = false;
    for (int redirects = 0;; ++redirects) {
        allowed->check(hop.url);
        response r = co_await perform_with_faults(hop);
        auto location = r.headers.get("location");
        if (!is_redirect(r.status) || !location) co_return r;
        if (redirects == 20) throw error(hop.method + " " + request.url + ": more than 20 redirects");
        hop.url = detail::join_url("", resolve_location(hop.url, *location));
        if (r.status == 303 || ((r.status == 301 || r.status == 302) && hop.method == "POST")) {
            hop.method = "GET";  // what browsers and fetch() do
            hop.body.reset();
            hop.headers.remove("Content-Type");
        }
    }
}

coro<response> attempt_once(const detail::prepared_request& request, std::optional<double> timeout,
                            const std::optional<allow_list>& allowed) {
    if (!timeout) co_return co_await perform_allowed(request, allowed);
    try {
        co_return co_await aio::timeout(*timeout, [&request, &allowed]() -> coro<response> {
            co_return co_await perform_allowed(request, allowed);
        });
    } catch (const aio::timeout_error&) {
        throw http::timeout_error("HTTP " + request.method + " " + request.url + ": no complete response within " +
                                  seconds_text(*timeout) + " s");
    }
}

coro<response> send(send_plan plan) {
    plan.request.url = detail::join_url(plan.base_url, plan.request.url);
    const std::optional<allow_list> allowed = origin_restriction(get_running_loop());
    if (allowed) allowed->check(plan.request.url);  // before any retry logic: not a retryable failure
    for (int attempt = 0;; ++attempt) {
        std::exception_ptr failure;
        std::optional<response> result;
        try {
            result.emplace(co_await attempt_once(plan.request, plan.timeout, allowed));
        } catch (const connection_error&) {
            failure = std::current_exception();
        } catch (const aio::timeout_error&) {
            failure = std::current_exception();
        }
        bool retry_status = result && std::find(plan.retry_statuses.begin(), plan.retry_statuses.end(),
                                                result->status) != plan.retry_statuses.end();
        if ((failure || retry_status) && attempt < plan.retries) {
            double pause = std::min(plan.backoff * std::ldexp(1.0, std::min(attempt, 30)), plan.max_backoff);
            co_await aio::sleep(pause);
            continue;
        }
        if (failure) std::rethrow_exception(failure);
        result->attempts = attempt + 1;
        if (plan.raise_for_status) result->raise_for_status();
        co_return std::move(*result);
    }
}

}  // namespace

coro<response> client_session::request(std::string method, std::string url, request_options options) const {
    send_plan plan;
    plan.base_url = options_.base_url;
    plan.request.method = std::move(method);
    for (auto& c : plan.request.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    plan.request.url = std::move(url);
    plan.request.headers = options_.headers;
    for (const auto& [name, value] : options.headers) plan.request.headers.set(name, value);
    if (options.json) {
        plan.request.body = options.json->dump();
        if (!plan.request.headers.contains("Content-Type"))
            plan.request.headers.add("Content-Type", "application/json");
    } else if (options.body) {
        plan.request.body = std::move(options.body);
    }
    plan.timeout = options.timeout ? options.timeout : options_.timeout;
    plan.retries = std::max(0, options.retries.value_or(options_.retries));
    plan.backoff = std::max(0.0, options_.backoff);
    plan.max_backoff = std::max(plan.backoff, options_.max_backoff);
    plan.retry_statuses = options_.retry_statuses;
    plan.raise_for_status = options.raise_for_status.value_or(options_.raise_for_status);
    plan.request.max_body_bytes = options_.max_body_bytes;
    return send(std::move(plan));
}

}  // namespace aio::http

#ifdef __EMSCRIPTEN__
// ============================================================================= wasm: fetch()

#include "aio/js.hpp"

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
            return { ok: true, status: resp.status, statusText: resp.statusText, url: resp.url || url,
                     headers: Array.from(resp.headers), body: bytes };
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

val http_glue() {
    static bool installed = false;
    if (!installed) {
        aio::js::detail::glue();  // Module.aioJs first
        aio_http_install_glue();
        installed = true;
    }
    return val::module_property("aioHttp");
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
    out.reason = r["statusText"].as<std::string>();
    out.url = r["url"].as<std::string>();
    val fields = r["headers"];
    unsigned n = fields["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
        val pair = fields[i];
        out.headers.add(pair[0].as<std::string>(), pair[1].as<std::string>());
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

#else
// ============================================================================= native: libcurl

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace aio::http::detail {

namespace {

// One transfer, shared by the awaiting frame (loop thread) and the curl thread. The loop-side
// fields are guarded by `mutex`: `loop` is null once the result was delivered or the awaiting
// frame went away, so the curl thread never posts to a frame that is gone.
struct transfer : std::enable_shared_from_this<transfer> {
    ~transfer() {
        if (easy) curl_easy_cleanup(easy);
        if (header_list) curl_slist_free_all(header_list);
    }

    // Request (set before submit, read by curl).
    prepared_request request;
    CURL* easy = nullptr;
    curl_slist* header_list = nullptr;
    char error_text[CURL_ERROR_SIZE] = {};

    // Response (written by curl callbacks on the curl thread, read on the loop thread after the
    // completion was posted, which orders the accesses).
    response out;
    CURLcode code = CURLE_OK;
    bool too_large = false;  // the body passed request.max_body_bytes: on_body stopped the transfer

    // Loop side.
    std::mutex mutex;
    event_loop* loop = nullptr;
    aio::detail::future_state<response>* target = nullptr;

    void completed();  // curl thread
    void deliver();    // loop thread
    void detach();     // loop thread: the awaiting frame is gone
};

class curl_engine {
public:
    static curl_engine& get() {
        static curl_engine engine;  // thread joined at exit
        return engine;
    }

    void submit(std::shared_ptr<transfer> t) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            to_add_.push_back(std::move(t));
        }
        curl_multi_wakeup(multi_);
    }
    void abort(std::shared_ptr<transfer> t) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            to_abort_.push_back(std::move(t));
        }
        curl_multi_wakeup(multi_);
    }

private:
    curl_engine() {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        multi_ = curl_multi_init();
        curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
        thread_ = std::thread([this] { run(); });
    }
    ~curl_engine() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        curl_multi_wakeup(multi_);
        thread_.join();
        for (auto& [easy, t] : active_) curl_multi_remove_handle(multi_, easy);
        active_.clear();
        to_add_.clear();
        to_abort_.clear();
        curl_multi_cleanup(multi_);
        curl_global_cleanup();
    }

    void run() {
        for (;;) {
            std::vector<std::shared_ptr<transfer>> adds, aborts;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                if (stopping_) return;
                adds.swap(to_add_);
                aborts.swap(to_abort_);
            }
            for (auto& t : adds) {
                if (curl_multi_add_handle(multi_, t->easy) == CURLM_OK) {
                    active_.emplace(t->easy, t);
                } else {
                    t->code = CURLE_FAILED_INIT;
                    t->completed();
                }
            }
            for (auto& t : aborts) {
                // Removing an unfinished transfer closes its connection: the server sees the
                // client go away.
                if (active_.erase(t->easy)) curl_multi_remove_handle(multi_, t->easy);
            }
            int running = 0;
            curl_multi_perform(multi_, &running);
            int left = 0;
            while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
                if (msg->msg != CURLMSG_DONE) continue;
                auto it = active_.find(msg->easy_handle);
                if (it == active_.end()) continue;
                std::shared_ptr<transfer> t = std::move(it->second);
                active_.erase(it);
                CURLcode result = msg->data.result;  // msg is invalid after remove_handle
                curl_multi_remove_handle(multi_, t->easy);
                t->code = result;
                t->completed();
            }
            // Sleeps until a socket is ready, curl's own timeout, or curl_multi_wakeup.
            curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
        }
    }

    CURLM* multi_ = nullptr;
    std::thread thread_;
    std::mutex mutex_;
    bool stopping_ = false;
    std::vector<std::shared_ptr<transfer>> to_add_;
    std::vector<std::shared_ptr<transfer>> to_abort_;
    std::unordered_map<CURL*, std::shared_ptr<transfer>> active_;  // curl thread only
};

void transfer::completed() {
    if (code == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        out.status = static_cast<int>(status);
        char* effective = nullptr;
        curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
        if (effective) out.url = effective;
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (loop) loop->call_soon_threadsafe([self = shared_from_this()] { self->deliver(); });
}

void transfer::deliver() {
    event_loop* l;
    {
        std::lock_guard<std::mutex> lock(mutex);
        l = std::exchange(loop, nullptr);
    }
    if (!l) return;  // the awaiting frame went away first
    l->release_external();
    if (target->done()) return;  // cancelled meanwhile
    if (too_large) {
        target->set_error(std::make_exception_ptr(body_too_large_error(
            request.method + " " + request.url + ": the response body is larger than " +
                std::to_string(*request.max_body_bytes) + " bytes",
            *request.max_body_bytes)));
        return;
    }
    auto what = [this] {
        return request.method + " " + request.url + ": " +
               (error_text[0] ? std::string(error_text) : std::string(curl_easy_strerror(code)));
    };
    switch (code) {
    case CURLE_OK:
        target->set_result(std::move(out));
        return;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        target->set_error(std::make_exception_ptr(invalid_url_error(what())));
        return;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        target->set_error(std::make_exception_ptr(connection_error(what())));
        return;
    default:
        target->set_error(std::make_exception_ptr(error(what())));
        return;
    }
}

void transfer::detach() {
    std::lock_guard<std::mutex> lock(mutex);
    if (event_loop* l = std::exchange(loop, nullptr)) l->release_external();
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<transfer*>(user);
    std::size_t n = size * count;
    const auto& limit = t->request.max_body_bytes;
    if (limit && n > *limit - std::min(*limit, t->out.body.size())) {
        t->too_large = true;
        return 0;  // anything but n: curl aborts the transfer (CURLE_WRITE_ERROR)
    }
    t->out.body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    detail::read_header_line(static_cast<transfer*>(user)->out, std::string_view(data, size * count));
    return size * count;
}

// Ends the transfer from the loop side whenever the awaiting frame leaves (value, error or
// cancellation); an unfinished transfer is aborted.
struct transfer_guard {
    std::shared_ptr<transfer> t;
    explicit transfer_guard(std::shared_ptr<transfer> transfer) : t(std::move(transfer)) {}
    transfer_guard(const transfer_guard&) = delete;
    transfer_guard& operator=(const transfer_guard&) = delete;
    ~transfer_guard() {
        bool pending;
        {
            std::lock_guard<std::mutex> lock(t->mutex);
            pending = t->loop != nullptr;
        }
        if (pending) {
            t->detach();
            curl_engine::get().abort(t);
        }
    }
};

}  // namespace

coro<response> perform(prepared_request request) {
    event_loop& loop = get_running_loop();
    auto t = std::make_shared<transfer>();
    t->request = std::move(request);
    curl_engine& engine = curl_engine::get();  // curl_global_init before the first easy handle
    t->easy = curl_easy_init();
    if (!t->easy) throw error("curl_easy_init failed");
    CURL* e = t->easy;
    const prepared_request& r = t->request;
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, r.follow_redirects ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 20L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // like fetch: accept and decode gzip etc.
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_text);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    if (r.method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (r.method != "GET" || r.body) {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    if (r.body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body->size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body->data());
    }
    for (const auto& [name, value] : r.headers)
        t->header_list = curl_slist_append(t->header_list, (name + ": " + value).c_str());
    t->header_list = curl_slist_append(t->header_list, "Expect:");  // no 100-continue round trip
    if (r.body && !r.headers.contains("Content-Type"))  // fetch sends none for raw bytes; curl would
        t->header_list = curl_slist_append(t->header_list, "Content-Type:");  // say form-urlencoded
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->header_list);

    future<response> result = loop.create_future<response>();
    t->target = result.typed_core();
    t->loop = &loop;
    loop.hold_external();
    transfer_guard guard{t};
    engine.submit(t);
    co_return co_await aio::detail::host_io_awaiter<response>(*result.typed_core(), "http transfer");
}

}  // namespace aio::http::detail

#endif
