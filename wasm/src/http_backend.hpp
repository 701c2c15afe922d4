// What http.cpp's session logic needs from a backend: one request attempt. Exactly one backend
// file defines perform(), chosen by CMakeLists.txt per platform:
//   http_fetch.cpp (wasm)  -> the host's global fetch() with an AbortController
//   http_curl.cpp (native) -> libcurl's multi interface, driven on the loop's own thread
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

// Recorded responses (http_recorded.cpp): `network` (one real attempt), or the recorded response,
// as the running loop's recording mode says.
coro<response> perform_recorded(const prepared_request& request, coro<response> (*network)(const prepared_request&));

// Where recorded responses are kept: http_recorded_idb.cpp (wasm: IndexedDB through Emscripten's
// Fetch API) or http_recorded_none.cpp (native: nowhere). load: nullopt when there is none;
// store: false when it could not be kept (the request itself still succeeds).
bool recording_available();
coro<std::optional<std::string>> recording_load(std::string key);
coro<bool> recording_store(std::string key, std::string data);

}  // namespace aio::http::detail
