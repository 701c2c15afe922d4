// Natively there is no host event loop: attach_to_host() says so, and the rest of the host
// driver (host_js.cpp in wasm) has nothing to do.
#include "aio/loop.hpp"

namespace aio {
void event_loop::attach_to_host() {
    throw invalid_state_error("attach_to_host(): there is no host event loop in a native build");
}
void event_loop::detach_from_host() {}
void event_loop::request_drive() {}
void event_loop::sync_host_timer() {}
void event_loop::host_drive(int) {}
namespace detail {
void wake_host_loop(event_loop*) {}
}  // namespace detail
}  // namespace aio
