// What http.cpp's session logic needs from a backend: one request attempt. Exactly one backend
// file defines perform(), chosen by CMakeLists.txt per platform:
//   http_fetch.cpp (wasm)  -> the host's global fetch() with an AbortController
//   http_curl.cpp (native) -> libcurl's multi interface on one process-wide curl thread
#pragma once

#include "aio/http.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace aio::http::detail {

struct prepared_request {
    std::string method;
    std::string url;
    http::headers headers;
    std::optional<std::string> body;
    bool follow_redirects = true;  // false: a 3xx comes back as the response
    std::optional<std::size_t> max_body_bytes;  // larger: the backend aborts, body_too_large_error
};

// One attempt, with no retries, timeouts or fault injection (http.cpp adds those). Throws
// connection_error / invalid_url_error / body_too_large_error / error; cancellation aborts the
// transfer.
coro<response> perform(prepared_request request);

// The simulated network's answer (http_simulated.cpp): for an origin off the allow-list of a
// loop that simulates the network.
coro<response> perform_simulated(const prepared_request& request);

}  // namespace aio::http::detail
