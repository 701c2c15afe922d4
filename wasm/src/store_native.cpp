// The native side of store_backend.hpp: no host store, so every database is memory + log.
#include "store_backend.hpp"

namespace aio::store::detail {

coro<std::unique_ptr<backend>> open_host_store(const std::string&, const open_options&) { co_return nullptr; }

}  // namespace aio::store::detail
