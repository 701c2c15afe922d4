// The native HTTP backend (see http_backend.hpp): libcurl's multi interface, driven on the
// loop's own thread.
#include "http_backend.hpp"

#include "aio/detail/host_io.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace aio::http::detail {

namespace {

// curl_global_init once per process, before the first handle; cleaned up at exit.
struct curl_global {
    curl_global() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~curl_global() { curl_global_cleanup(); }
    static void ensure() { static curl_global instance; }
};

class curl_poller;

// One transfer, owned by the frame of perform() that awaits it; everything happens on the loop's
// thread.
struct transfer {
    explicit transfer(curl_poller& p) : poller(p) {}
    ~transfer();

    curl_poller& poller;
    bool in_flight = false;  // in the multi handle: curl_poller::drive() or abort() takes it out

    // Request (set before it starts, read by curl).
    prepared_request request;
    CURL* easy = nullptr;
    curl_slist* header_list = nullptr;
    char error_text[CURL_ERROR_SIZE] = {};

    // Response (written by curl's callbacks).
    response out;
    CURLcode code = CURLE_OK;
    bool too_large = false;  // the body passed request.max_body_bytes: on_body stopped the transfer

    aio::detail::future_state<response>* target = nullptr;

    void finish(CURLcode result);  // done: completes `target`
};

// The loop's libcurl multi handle, driven on the loop's own thread: the loop's idle wait is
// curl_multi_poll on the transfers' sockets (see event_loop::io_poller), so a response completes
// its future where it arrives, with no hand-over between threads. While the loop is busy with
// ready work it never waits; a timer then drives curl every `busy_period`, armed only while the
// loop is not waiting (real clock only: on a virtual clock it would move time; there curl is
// driven when the loop waits).
class curl_poller final : public aio::detail::io_poller, private aio::detail::timer_node {
public:
    static curl_poller& of(event_loop& loop) {
        if (auto* existing = loop.io_poller()) return static_cast<curl_poller&>(*existing);
        auto made = std::make_unique<curl_poller>(loop);
        curl_poller& p = *made;
        loop.set_io_poller(std::move(made));
        return p;
    }

    explicit curl_poller(event_loop& loop) : loop_(loop) {
        curl_global::ensure();
        multi_ = curl_multi_init();
        if (!multi_) throw error("curl_multi_init failed");
        curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
    }
    ~curl_poller() override {
        // The loop destroys the frames of its unfinished tasks first: no transfer is left.
        if (armed()) loop_.disarm_timer(*this);
        for (CURL* e : idle_easy_) curl_easy_cleanup(e);
        curl_multi_cleanup(multi_);
    }

    // Easy handles are reused, reset (their options cleared, their caches kept), as a plain
    // curl multi loop keeps its handles: creating and freeing one per request was the larger part
    // of a request's CPU time (curl_easy_init's allocations and defaults).
    CURL* take_easy() {
        if (idle_easy_.empty()) return curl_easy_init();
        CURL* e = idle_easy_.back();
        idle_easy_.pop_back();
        return e;
    }
    void give_back(CURL* e) {
        if (idle_easy_.size() >= max_idle_easy) {
            curl_easy_cleanup(e);
            return;
        }
        curl_easy_reset(e);
        idle_easy_.push_back(e);
    }

    void start(transfer& t) {
        curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
        if (curl_multi_add_handle(multi_, t.easy) != CURLM_OK) throw error("curl_multi_add_handle failed");
        t.in_flight = true;
        loop_.hold_external();  // the loop waits for it rather than reporting a deadlock
        if (active_++ == 0) arm_busy_timer();
    }
    // The awaiting frame left before the transfer finished: removing it closes its connection,
    // so the server sees the client go away.
    void abort(transfer& t) {
        curl_multi_remove_handle(multi_, t.easy);
        ended(t);
    }

    bool busy() const override { return active_ != 0; }
    void wait(std::int64_t wall_deadline_ns) override {
        int timeout_ms = 60'000;  // curl shortens it to its own next timeout
        if (wall_deadline_ns >= 0) {
            std::int64_t left = wall_deadline_ns - aio::detail::loop_clock::steady_ns();
            timeout_ms = static_cast<int>(std::clamp<std::int64_t>((left + 999'999) / 1'000'000, 0, timeout_ms));
        }
        curl_multi_poll(multi_, nullptr, 0, timeout_ms, nullptr);
        drive();
    }
    void wake() override { curl_multi_wakeup(multi_); }
    // An idle loop waits in wait(): the busy timer would only wake it every busy_period.
    void before_wait() override {
        if (armed()) loop_.disarm_timer(*this);
    }
    void after_wait() override {
        if (busy() && !armed()) arm_busy_timer();
    }

private:
    static constexpr std::size_t max_idle_easy = 256;
    static constexpr double busy_period = 0.002;  // seconds

    void fire() override {  // the busy timer: the loop has not waited for a while
        drive();
        if (busy()) arm_busy_timer();
    }
    void arm_busy_timer() {
        if (loop_.clock() == clock_kind::real) loop_.arm_timer(*this, loop_.deadline_after(busy_period));
    }
    // Lets curl do what its sockets and timers allow, without blocking, and finishes the done.
    void drive() {
        int running = 0;
        curl_multi_perform(multi_, &running);
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL* easy = msg->easy_handle;
            CURLcode result = msg->data.result;  // msg is invalid after remove_handle
            char* owner = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &owner);
            curl_multi_remove_handle(multi_, easy);
            auto& t = *reinterpret_cast<transfer*>(owner);
            ended(t);
            t.finish(result);
        }
    }
    void ended(transfer& t) {
        t.in_flight = false;
        loop_.release_external();
        if (--active_ == 0 && armed()) loop_.disarm_timer(*this);
    }

    event_loop& loop_;
    CURLM* multi_ = nullptr;
    std::size_t active_ = 0;
    std::vector<CURL*> idle_easy_;
};

transfer::~transfer() {
    if (in_flight) poller.abort(*this);
    if (easy) poller.give_back(easy);
    if (header_list) curl_slist_free_all(header_list);
}

void transfer::finish(CURLcode result) {
    code = result;
    if (target->done()) return;  // cancelled meanwhile
    if (too_large) {
        target->set_error(std::make_exception_ptr(body_too_large_error(
            request.method + " " + request.url + ": the response body is larger than " +
                std::to_string(*request.max_body_bytes) + " bytes",
            *request.max_body_bytes)));
        return;
    }
    if (code == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        out.status = static_cast<int>(status);
        char* effective = nullptr;
        curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
        if (effective) out.url = effective;
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

}  // namespace

coro<response> perform(prepared_request request) {
    event_loop& loop = get_running_loop();
    curl_poller& poller = curl_poller::of(loop);
    // Owned by this frame: leaving it early (cancelled) aborts the transfer.
    auto t = std::make_unique<transfer>(poller);
    t->request = std::move(request);
    t->easy = poller.take_easy();
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
    t->target = aio::detail::core_access::of(result);
    poller.start(*t);
    co_return co_await aio::detail::host_io_awaiter<response>(*aio::detail::core_access::of(result), "http transfer");
}

}  // namespace aio::http::detail
