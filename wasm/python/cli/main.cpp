// aio-python FILE [ARGS]: runs a Python program on the aio runtime, like `python3 FILE ARGS`.
// AIO_CLOCK=virtual runs its loops on the virtual clock, AIO_NETWORK=simulated answers its
// requests from the simulated network, as for a C++ program (wasm/README.md).
#include "python/asyncio.hpp"
#include "python/db/db_modules.hpp"
#include "python/modules.hpp"
#include "python/net/net_modules.hpp"
#include "python/run.hpp"

#include "aio/http.hpp"
#include "aio/loop.hpp"

#include <cstdio>
#include <stdexcept>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs("usage: aio-python FILE [ARGS...]\n", stderr);
        return 2;
    }
    try {
        aio::py::run_options().loop = aio::with_environment_clock(aio::py::run_options().loop);
        aio::http::environment_network_simulated();  // a bad AIO_NETWORK is refused here, not per request
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "aio-python: %s\n", e.what());
        return 2;
    }
    aio::py::enable_network_modules();
    aio::py::enable_database_modules();
    for (int i = 1; i < argc; ++i) aio::py::host().argv.emplace_back(argv[i]);
    return aio::py::run_file(argv[1]);
}
