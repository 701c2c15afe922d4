// The Python front-end as a language of the sandbox session (session.hpp register_language): a
// program's module body runs as a run of the session, on its loop, so asyncio.run(main()) puts
// main and its tasks on the session's timeline (python/hosted.hpp). Linked only where the front-end
// is (the page's module, native tests), never into the widget's lean module.
#include "session.hpp"

#include "python/hosted.hpp"

namespace {

aio::coro<int> run_python(std::string source, std::string filename, aio::sandbox::program_io io) {
    return aio::py::run_hosted(std::move(source), std::move(filename),
                               {std::move(io.write), std::move(io.tasks), std::move(io.label)});
}

const bool registered = [] {
    aio::sandbox::register_language("python", [](std::string source, std::string filename, aio::sandbox::program_io io) {
        // One at a time (the front-end's state is process-wide): refused before a run starts.
        if (aio::py::hosted_program()) throw std::logic_error("a Python program is running: cancel it or wait for its end");
        return run_python(std::move(source), std::move(filename), std::move(io));
    });
    return true;
}();

}  // namespace
