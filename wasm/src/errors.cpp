#include "aio/errors.hpp"

namespace aio {

namespace {
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
    try {
        std::rethrow_exception(error);
    } catch (const cancelled_error& e) {
        return e.message().empty() ? "cancelled_error" : "cancelled_error: " + e.message();
    } catch (const base_exception& e) {
        return e.message();
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace aio
