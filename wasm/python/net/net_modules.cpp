// Registers the network modules (net_modules.hpp) with the module tables.
#include "python/net/net_modules.hpp"

#include "python/modules.hpp"

namespace aio::py {

void enable_network_modules() {
    add_source_module({"_aio_http_util", "<frozen _aio_http_util>", http_util_source});
    add_native_module({"_aiohttp", init_aiohttp_native});
    add_source_module({"aiohttp", "<frozen aiohttp>", aiohttp_source});
    add_native_module({"_requests", init_requests_native});
    add_source_module({"requests", "<frozen requests>", requests_source});
    add_source_module({"requests.exceptions", "<frozen requests.exceptions>", requests_exceptions_source});
}

}  // namespace aio::py
