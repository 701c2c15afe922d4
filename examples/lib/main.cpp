// main() of every example program: runs the one example linked into it.
//   ./gather [--virtual] [--speed=X] [name=value ...]
// Natively the loop blocks in aio::run; in wasm aio::run hands it to Node's / the browser's event
// loop and the process exits with the example's status.
#include "example.hpp"

#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    auto& all = aio_examples::catalog();
    if (all.size() != 1) {
        std::fprintf(stderr, "an example program must link exactly one example (found %zu)\n", all.size());
        return 2;
    }
    const aio_examples::example_info& info = *all.front();
    aio::loop_options options;
    std::map<std::string, std::string> params;
    for (int i = 1; i < argc; ++i) {
        const char* arg = argv[i];
        if (!std::strcmp(arg, "--virtual")) {
            options.clock = aio::clock_kind::virtual_time;
        } else if (!std::strncmp(arg, "--speed=", 8)) {
            options.speed = std::atof(arg + 8);
        } else if (const char* eq = std::strchr(arg, '='); eq && arg[0] != '-') {
            params[std::string(arg, eq)] = eq + 1;
        } else {
            std::fprintf(stderr, "usage: %s [--virtual] [--speed=X] [name=value ...]\nparameters:\n", argv[0]);
            for (const auto& p : info.params)
                std::fprintf(stderr, "  %s=%s  %s\n", p.name.c_str(), p.default_value.c_str(), p.help.c_str());
            return 2;
        }
    }
    try {
        if (!info.main) return aio_examples::run(info, {std::move(params), options, {}});
        // static: in wasm aio::run_main returns to the host and the example runs after main() is gone.
        static aio_examples::context ctx(info, std::move(params), options, {});
        return aio::run_main(aio_examples::run_async(info, ctx), options);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
}
