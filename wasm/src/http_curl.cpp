// The native HTTP backend (see http_backend.hpp): libcurl's multi interface on one process-wide
// curl thread.
#include "http_backend.hpp"

#include "aio/detail/host_io.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace aio::http::detail {

namespace {

// One transfer, shared by the awaiting frame (loop thread) and the curl thread. The loop-side
// fields are guarded by `mutex`: `loop` is null once the result was delivered or the awaiting
// frame went away, so the curl thread never posts to a frame that is gone.
struct transfer : std::enable_shared_from_this<transfer> {
    ~transfer();

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
        bool first;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            first = to_add_.empty();
            to_add_.push_back(std::move(t));
        }
        // A burst of requests wakes the curl thread once: until it takes the list, the wake-up
        // sent for the first one is pending.
        if (first) curl_multi_wakeup(multi_);
    }
    // Easy handles are reused, reset (their options cleared, their caches kept), as a plain
    // curl multi loop keeps its handles: creating and freeing one per request was the larger part
    // of a request's CPU time here (curl_easy_init's allocations and defaults).
    CURL* take_easy() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!idle_easy_.empty()) {
                CURL* e = idle_easy_.back();
                idle_easy_.pop_back();
                return e;
            }
        }
        return curl_easy_init();
    }
    void give_back(CURL* e) {
        curl_easy_reset(e);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (idle_easy_.size() < max_idle_easy) {
                idle_easy_.push_back(e);
                return;
            }
        }
        curl_easy_cleanup(e);
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
        for (CURL* e : idle_easy_) curl_easy_cleanup(e);
        idle_easy_.clear();
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
    static constexpr std::size_t max_idle_easy = 256;
    std::vector<CURL*> idle_easy_;
};

transfer::~transfer() {
    if (easy) curl_engine::get().give_back(easy);  // out of the multi handle by now
    if (header_list) curl_slist_free_all(header_list);
}

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
    t->easy = engine.take_easy();
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
    t->loop = &loop;
    loop.hold_external();
    transfer_guard guard{t};
    engine.submit(t);
    co_return co_await aio::detail::host_io_awaiter<response>(*aio::detail::core_access::of(result), "http transfer");
}

}  // namespace aio::http::detail

