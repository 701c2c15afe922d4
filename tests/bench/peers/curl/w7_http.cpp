// W7's native peer: N GET requests of a server's /json, at most 100 in flight, on a bare libcurl
// multi loop (what aio::http's native backend is built on, without the runtime around it): the
// same shape as tests/bench/w7_http.cpp. -> requests per second
//
//   curl_w7_http [N] [--warmup K] --url http://127.0.0.1:PORT
#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr int in_flight = 100;

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* body) {
    static_cast<std::string*>(body)->append(data, size * count);
    return size * count;
}

struct transfer {
    CURL* easy = nullptr;
    std::string body;
};

// One easy handle per slot, reused (keep-alive, as a session does); a finished slot takes the
// next request at once.
double fetch_all(CURLM* multi, std::vector<transfer>& slots, const std::string& url, long n) {
    double start = now();
    long started = 0, done = 0;
    auto launch = [&](transfer& t) {
        t.body.clear();
        curl_easy_setopt(t.easy, CURLOPT_URL, url.c_str());
        curl_multi_add_handle(multi, t.easy);
        ++started;
    };
    for (auto& t : slots)
        if (started < n) launch(t);
    while (done < n) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
            if (m->msg != CURLMSG_DONE) continue;
            transfer* t = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
            long status = 0;
            curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
            if (m->data.result != CURLE_OK || status != 200) {
                std::fprintf(stderr, "GET %s: %s, status %ld\n", url.c_str(), curl_easy_strerror(m->data.result), status);
                std::exit(1);
            }
            curl_multi_remove_handle(multi, t->easy);
            ++done;
            if (started < n) launch(*t);
        }
        if (done < n) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
    return now() - start;
}

}  // namespace

int main(int argc, char** argv) {
    long n = 1000;
    int warmup = 1;
    const char* base = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--warmup") && i + 1 < argc) {
            warmup = std::atoi(argv[++i]);
        } else if (!std::strcmp(argv[i], "--url") && i + 1 < argc) {
            base = argv[++i];
        } else {
            n = std::atol(argv[i]);
        }
    }
    if (!base) {
        std::fprintf(stderr, "usage: curl_w7_http [N] [--warmup K] --url http://127.0.0.1:PORT\n");
        return 2;
    }
    std::string url = std::string(base) + "/json";
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM* multi = curl_multi_init();
    std::vector<transfer> slots(in_flight);
    for (auto& t : slots) {
        t.easy = curl_easy_init();
        curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t.body);
        curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
        curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);          // as aio::http's backend sets them
        curl_easy_setopt(t.easy, CURLOPT_ACCEPT_ENCODING, "");
    }
    for (int i = 0; i < warmup; ++i) fetch_all(multi, slots, url, n);
    double s = fetch_all(multi, slots, url, n);
    std::printf("native W7 HTTP (bare libcurl multi): %ld requests (%d in flight) in %.1f ms = %.0f requests/s\n", n,
                in_flight, s * 1e3, static_cast<double>(n) / s);
    std::printf("BENCH {\"w\":\"W7\",\"n\":%ld,\"seconds\":%.9f,\"loop\":\"self\"}\n", n, s);
    for (auto& t : slots) curl_easy_cleanup(t.easy);
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    return 0;
}
