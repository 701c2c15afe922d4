// context_var<T>: asyncio's contextvars.ContextVar. Each task starts with a copy of the context
// of the code that created it; set() in a task is seen by that task (and the tasks it creates
// afterwards), never by its creator or its siblings.
//
//   aio::context_var<std::string> request_id("request_id", "-");
//   auto token = request_id.set("r42");
//   log(request_id.get());   // "r42" here and in tasks created from here on
//   request_id.reset(token); // back to what it was before set()
//
// - to_thread and run_in_executor run f in a copy of the caller's context (asyncio's to_thread
//   does; aio's run_in_executor does as well).
// - Outside a task (callbacks, code before run) the thread's own context applies.
// - A context is allocated on the first set() and shared by the tasks created from it until one
//   of them writes (copy on write). Until a context variable is set on a thread, creating or
//   destroying a task there costs one thread-local flag test (detail/context.hpp); afterwards a
//   task that has a context is an entry in a per-thread table.
// - Left different from Python: reset() does not check that the token was made in the same
//   context; callbacks (call_soon) run in the thread's context, not one captured when scheduled.
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/errors.hpp"

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace aio {

namespace detail {
// The current context's value for `key` (null: not set).
std::shared_ptr<const void> context_get(const void* key);
// Sets (null: removes) the current context's value for `key`; returns the previous one.
std::shared_ptr<const void> context_set(const void* key, std::shared_ptr<const void> value);
}  // namespace detail

template <class T>
class context_var {
public:
    // What set() returns; reset(token) restores the value from before that set() (once).
    class token {
    public:
        const context_var* var() const { return var_; }
        bool used() const { return used_; }

    private:
        friend class context_var;
        token(const context_var* var, std::shared_ptr<const void> old) : var_(var), old_(std::move(old)) {}
        const context_var* var_;
        std::shared_ptr<const void> old_;  // null: the variable was not set
        bool used_ = false;
    };

    explicit context_var(std::string name) : name_(std::move(name)) {}
    context_var(std::string name, T default_value) : name_(std::move(name)), default_(std::move(default_value)) {}
    context_var(const context_var&) = delete;
    context_var& operator=(const context_var&) = delete;

    const std::string& name() const { return name_; }

    // The value in the current context, else the variable's default; throws std::out_of_range
    // (Python's LookupError) if there is neither.
    T get() const {
        if (auto v = detail::context_get(this)) return *static_cast<const T*>(v.get());
        if (default_) return *default_;
        throw std::out_of_range("context_var '" + name_ + "' has no value");
    }
    // The value in the current context, else `fallback` (ContextVar.get(default)).
    T get(T fallback) const {
        if (auto v = detail::context_get(this)) return *static_cast<const T*>(v.get());
        return fallback;
    }
    token set(T value) {
        return token(this, detail::context_set(this, std::make_shared<const T>(std::move(value))));
    }
    // Throws invalid_state_error if the token was used already, std::invalid_argument if it
    // belongs to another variable.
    void reset(token& t) {
        if (t.var_ != this) throw std::invalid_argument("reset: the token was created by a different context_var");
        if (t.used_) throw invalid_state_error("reset: the token has already been used once");
        t.used_ = true;
        detail::context_set(this, std::move(t.old_));
    }

private:
    std::string name_;
    std::optional<T> default_;
};

}  // namespace aio
