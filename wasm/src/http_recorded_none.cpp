// Recorded responses natively: there is no IndexedDB, so record_responses() refuses to switch
// them on (http_recorded.cpp) and nothing is ever kept or found.
#include "http_backend.hpp"

namespace aio::http::detail {

bool recording_available() { return false; }

coro<std::optional<std::string>> recording_load(std::string) { co_return std::nullopt; }

coro<bool> recording_store(std::string, std::string) { co_return false; }

}  // namespace aio::http::detail
