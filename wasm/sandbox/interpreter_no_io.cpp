// The I/O steps in a module built without the HTTP client, the store and files (the widgets'):
// each fails naming the step; the widget loads the page's module for a recipe that has them
// (web/page/widget.js). interpreter_io.cpp is the real one.
#include "interpreter.hpp"

#include <stdexcept>
#include <string>

namespace aio::sandbox {

namespace {
[[noreturn]] void without_io(const step& s) {
    throw std::runtime_error(std::string(to_string(s.kind)) + " " + s.text +
                             ": this module is built without I/O (the widget's lean module); use the full module 'aio_sandbox'");
}
}  // namespace

aio::coro<void> interpreter::http_step(const step& s, const task_spec&) { without_io(s); }
aio::coro<void> interpreter::store_step(const step& s, const task_spec&) { without_io(s); }
aio::coro<void> interpreter::file_step(const step& s, const task_spec&) { without_io(s); }

}  // namespace aio::sandbox
