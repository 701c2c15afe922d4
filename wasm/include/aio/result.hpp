// result<T>: a value or the exception that stands in for it — what gather(return_exceptions, ...)
// and try_await give.
#pragma once

#include "aio/errors.hpp"

#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace aio {

namespace detail {
// The error half, shared by result<T> and result<void>.
class result_base {
public:
    bool has_value() const { return !error_; }
    explicit operator bool() const { return has_value(); }
    std::exception_ptr error() const { return error_; }

    // The stored exception as an E, or null (no error, or not an E). For a polymorphic E this is
    // a dynamic_cast of the exception object, whose address is taken once, on the first call
    // (storing an error never rethrows it: gather of many cancelled tasks stays cheap). Only for a
    // non-polymorphic E (an int, a plain struct) does it rethrow each time. The pointer lives as
    // long as this result (or a copy of it).
    template <class E>
    const E* error_as() const {
        if (!error_) return nullptr;
        if constexpr (std::is_polymorphic_v<E>) {
            classify();
            if (std_) return dynamic_cast<const E*>(std_);
            if (base_) return dynamic_cast<const E*>(base_);
            return nullptr;
        } else {
            try {
                std::rethrow_exception(error_);
            } catch (const E& e) {
                return &e;
            } catch (...) {
                return nullptr;
            }
        }
    }
    // True if the stored exception is an E (or derives from it).
    template <class E>
    bool error_is() const {
        return error_as<E>() != nullptr;
    }
    std::string error_message() const { return describe(error_); }

protected:
    void rethrow_if_error() const {
        if (error_) std::rethrow_exception(error_);
    }
    void store_error(std::exception_ptr error) { error_ = std::move(error); }

    std::exception_ptr error_;

private:
    // Remembers the exception object's address by type family (one rethrow, on first use).
    void classify() const {
        if (classified_) return;
        classified_ = true;
        try {
            std::rethrow_exception(error_);
        } catch (const std::exception& e) {
            std_ = &e;
        } catch (const base_exception& e) {
            base_ = &e;
        } catch (...) {
        }
    }
    mutable const std::exception* std_ = nullptr;
    mutable const base_exception* base_ = nullptr;
    mutable bool classified_ = false;
};
}  // namespace detail

template <class T>
class result : public detail::result_base {
public:
    using value_type = T;
    result(T value) : value_(std::move(value)) {}
    static result failure(std::exception_ptr error) {
        result r;
        r.store_error(std::move(error));
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
    T value() && {
        rethrow_if_error();
        return std::move(*value_);
    }
    // The value, or `fallback` if there is an error (which is then dropped, never rethrown).
    template <class U>
    T value_or(U&& fallback) const& {
        return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
    }
    template <class U>
    T value_or(U&& fallback) && {
        return value_ ? std::move(*value_) : static_cast<T>(std::forward<U>(fallback));
    }

private:
    result() = default;
    std::optional<T> value_;
};

template <>
class result<void> : public detail::result_base {
public:
    using value_type = void;
    result() = default;
    static result failure(std::exception_ptr error) {
        result r;
        r.store_error(std::move(error));
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
