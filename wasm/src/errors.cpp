#include "aio/errors.hpp"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <typeinfo>

namespace aio {

namespace {
// "aio::queue_empty" for an exception whose message is empty (asyncio prints the class name).
std::string type_name(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status),
                                                std::free);
    return status == 0 && name ? name.get() : type.name();
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
        return type_name(typeid(e));
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

std::string describe(const std::exception_ptr& error) {
    if (!error) return "no exception";
    std::string text = message_of(error);
    if (std::exception_ptr cause = cause_of(error)) text += "\n  caused by: " + describe(cause);
    return text;
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
