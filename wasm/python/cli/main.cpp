// aio-python FILE [ARGS]: runs a Python program on the aio runtime, like `python3 FILE ARGS`.
#include "python/db/db_modules.hpp"
#include "python/modules.hpp"
#include "python/net/net_modules.hpp"
#include "python/run.hpp"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs("usage: aio-python FILE [ARGS...]\n", stderr);
        return 2;
    }
    aio::py::enable_network_modules();
    aio::py::enable_database_modules();
    for (int i = 1; i < argc; ++i) aio::py::host().argv.emplace_back(argv[i]);
    return aio::py::run_file(argv[1]);
}
