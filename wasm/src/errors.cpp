#include "aio/errors.hpp"
#include "aio/detail/type_name.hpp"

#include <cstdlib>
#include <memory>
#include <string_view>
#include <typeinfo>

namespace aio {

namespace detail {
// The Itanium scheme's <nested-name> of <source-name>s only: "N" ("<length><identifier>")+ "E",
// or one "<length><identifier>".
std::string readable_type_name(const char* mangled) {
    std::string_view in = mangled;
    bool nested = !in.empty() && in.front() == 'N';
    if (nested) in.remove_prefix(1);
    std::string out;
    while (!in.empty() && in.front() >= '0' && in.front() <= '9') {
        std::size_t length = 0;
        while (!in.empty() && in.front() >= '0' && in.front() <= '9') {
            length = length * 10 + static_cast<std::size_t>(in.front() - '0');
            in.remove_prefix(1);
        }
        if (length == 0 || length > in.size()) return mangled;
        std::string_view part = in.substr(0, length);
        in.remove_prefix(length);
        if (!out.empty()) out += "::";
        out += part == "_GLOBAL__N_1" ? std::string_view("(anonymous namespace)") : part;
        if (!nested) break;
    }
    if (nested ? in != "E" : !in.empty()) return mangled;
    return out.empty() ? std::string(mangled) : out;
}
}  // namespace detail

namespace {
// An exception of type E raised while handling another, which it carries (std::nested_exception
// captures the exception being handled when it is constructed).
struct during_handling {};
template <class E>
struct with_context_of final : E, std::nested_exception, during_handling {
    explicit with_context_of(const E& e) : E(e) {}
};

// `error` as a copy of type E carrying `context`, if E is exactly its type.
template <class E>
std::exception_ptr chained(const E& e, const std::exception_ptr& error, const std::exception_ptr& context) {
    if (typeid(e) != typeid(E)) return error;  // a derived type: a copy would slice it
    try {
        std::rethrow_exception(context);
    } catch (...) {
        return std::make_exception_ptr(with_context_of<E>(e));  // nested: the exception handled now
    }
}

bool is_during_handling(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const during_handling&) {
        return true;
    } catch (...) {
        return false;
    }
}

// The text of `error` without its cause.
std::string message_of(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const cancelled_error& e) {
        return e.message().empty() ? "cancelled_error" : "cancelled_error: " + e.message();
    } catch (const base_exception& e) {
        return e.message();
    } catch (const std::exception& e) {
        if (*e.what()) return e.what();
        return detail::readable_type_name(typeid(e).name());  // asyncio prints the class name
    } catch (...) {
        return "unknown exception";
    }
}

std::string join_messages(const std::string& message, const std::vector<std::exception_ptr>& errors) {
    std::string text = message + " (" + std::to_string(errors.size()) + " sub-exception" +
                       (errors.size() == 1 ? "" : "s") + ")";
    for (const auto& e : errors) text += "\n  - " + describe(e);
    return text;
}
}  // namespace

exception_group::exception_group(std::string message, std::vector<std::exception_ptr> errors)
    : errors_(std::move(errors)), what_(join_messages(message, errors_)) {}

bool is_cancellation(const std::exception_ptr& error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const cancelled_error&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::string cancel_message(const std::exception_ptr& error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const cancelled_error& e) {
        return e.message();
    } catch (...) {
        return {};
    }
}

std::string describe(const std::exception_ptr& error) {
    if (!error) return "no exception";
    std::string text = message_of(error);
    if (std::exception_ptr cause = cause_of(error))
        text += (is_during_handling(error) ? "\n  during handling of: " : "\n  caused by: ") + describe(cause);
    return text;
}

std::exception_ptr with_context(const std::exception_ptr& error, const std::exception_ptr& context) {
    if (!error || !context || error == context) return error;
    try {
        std::rethrow_exception(error);
    } catch (const std::nested_exception&) {
        return error;  // it has a cause already (Python shows the cause, not the context)
    } catch (const cancelled_error& e) {
        return chained(e, error, context);
    } catch (const nested_run_error& e) {
        return chained(e, error, context);
    } catch (const loop_closed_error& e) {
        return chained(e, error, context);
    } catch (const runtime_error& e) {
        return chained(e, error, context);
    } catch (const timeout_error& e) {
        return chained(e, error, context);
    } catch (const deadlock_error& e) {
        return chained(e, error, context);
    } catch (const invalid_state_error& e) {
        return chained(e, error, context);
    } catch (const exception_group& e) {
        return chained(e, error, context);
    } catch (const std::invalid_argument& e) {
        return chained(e, error, context);
    } catch (const std::out_of_range& e) {
        return chained(e, error, context);
    } catch (const std::length_error& e) {
        return chained(e, error, context);
    } catch (const std::domain_error& e) {
        return chained(e, error, context);
    } catch (const std::logic_error& e) {
        return chained(e, error, context);
    } catch (const std::range_error& e) {
        return chained(e, error, context);
    } catch (const std::overflow_error& e) {
        return chained(e, error, context);
    } catch (const std::underflow_error& e) {
        return chained(e, error, context);
    } catch (const std::runtime_error& e) {
        return chained(e, error, context);
    } catch (...) {
        return error;
    }
}

std::exception_ptr cause_of(const std::exception_ptr& error) {
    if (!error) return nullptr;
    try {
        std::rethrow_exception(error);
    } catch (const std::nested_exception& e) {
        return e.nested_ptr();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace aio
