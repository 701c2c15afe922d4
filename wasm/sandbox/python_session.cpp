// The Python front-end as a language of the sandbox session (session.hpp register_language): a
// program's module body runs as a run of the session, on its loop, so asyncio.run(main()) puts
// main and its tasks on the session's timeline (python/hosted.hpp). Linked only where the front-end
// is (the page's module, native tests), never into the widget's lean module.
#include "session.hpp"

#include "python/hosted.hpp"

#include <stdexcept>
#include <utility>

namespace {

// One program at a time (the front-end's state is process-wide), claimed when a run is started,
// not when its task first runs, and given back when its coroutine ends or is dropped unstarted.
bool claimed = false;
struct claim {
    claim() {
        if (claimed) throw std::logic_error("a Python program is running: cancel it or wait for its end");
        claimed = owner = true;
    }
    claim(claim&& other) noexcept : owner(std::exchange(other.owner, false)) {}
    claim& operator=(claim&&) = delete;
    ~claim() {
        if (owner) claimed = false;
    }
    bool owner = false;
};

aio::coro<int> run_python(std::string source, std::string filename, aio::sandbox::program_io io, claim) {
    // A named local, not a braced temporary inside the co_await: g++ 12 destroys such a
    // temporary twice (both frames then free the same std::function storage).
    aio::py::HostedIo hosted{std::move(io.write), std::move(io.tasks), std::move(io.label)};
    co_return co_await aio::py::run_hosted(std::move(source), std::move(filename), std::move(hosted));
}

const bool registered = [] {
    aio::sandbox::register_language("python", [](std::string source, std::string filename, aio::sandbox::program_io io) {
        return run_python(std::move(source), std::move(filename), std::move(io), claim());
    });
    return true;
}();

}  // namespace
