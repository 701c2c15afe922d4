// result<T>: a value or the exception that stands in for it — what gather(return_exceptions, ...)
// gives per entry.
#pragma once

#include "aio/errors.hpp"

#include <exception>
#include <optional>
#include <string>
#include <type_traits>

namespace aio {

namespace detail {
// The error half, shared by result<T> and result<void>.
class result_error {
public:
    bool has_value() const { return !error_; }
    explicit operator bool() const { return has_value(); }
    std::exception_ptr error() const { return error_; }
    // True if the stored exception is an E (or derives from it).
    template <class E>
    bool error_is() const {
        if (!error_) return false;
        try {
            std::rethrow_exception(error_);
        } catch (const E&) {
            return true;
        } catch (...) {
            return false;
        }
    }
    std::string error_message() const { return describe(error_); }

protected:
    void rethrow_if_error() const {
        if (error_) std::rethrow_exception(error_);
    }
    std::exception_ptr error_;
};
}  // namespace detail

template <class T>
class result : public detail::result_error {
public:
    result(T value) : value_(std::move(value)) {}
    static result failure(std::exception_ptr error) {
        result r;
        r.error_ = std::move(error);
        return r;
    }
    // The value, or rethrows the stored exception.
    T& value() & {
        rethrow_if_error();
        return *value_;
    }
    const T& value() const& {
        rethrow_if_error();
        return *value_;
    }

private:
    result() = default;
    std::optional<T> value_;
};

template <>
class result<void> : public detail::result_error {
public:
    result() = default;
    static result failure(std::exception_ptr error) {
        result r;
        r.error_ = std::move(error);
        return r;
    }
    void value() const { rethrow_if_error(); }
};

// Runs `read` (which returns T or throws) and captures the outcome.
template <class T, class F>
result<T> capture(F&& read) {
    try {
        if constexpr (std::is_void_v<T>) {
            read();
            return result<T>();
        } else {
            return result<T>(read());
        }
    } catch (...) {
        return result<T>::failure(std::current_exception());
    }
}

}  // namespace aio
