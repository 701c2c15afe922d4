// The runtime's exception types, named after asyncio's.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace aio {

// Like Python's BaseException: deliberately NOT derived from std::exception, so that a generic
// `catch (const std::exception&)` does not swallow a cancellation (asyncio made CancelledError a
// BaseException for the same reason). Catch it by name, or with `catch (...)` and rethrow.
class base_exception {
public:
    explicit base_exception(std::string message) : message_(std::move(message)) {}
    virtual ~base_exception() = default;
    const char* what() const noexcept { return message_.c_str(); }
    const std::string& message() const noexcept { return message_; }

private:
    std::string message_;
};

// Delivered at a task's suspension point when the task is cancelled.
class cancelled_error : public base_exception {
public:
    explicit cancelled_error(std::string message = {}) : base_exception(std::move(message)) {}
};

// asyncio's RuntimeError: an operation the program's state does not allow — releasing a lock
// that is not held, notifying a condition without its lock, awaiting a coroutine twice, a task
// awaiting itself, create_task on a finished task group, a nested run().
class runtime_error : public std::runtime_error {
public:
    explicit runtime_error(const std::string& what) : std::runtime_error(what) {}
};

// wait_for / timeout scope / as_completed ran out of time. Thrown with std::throw_with_nested, so
// the cancelled_error that stopped the work is its cause (asyncio chains it as __cause__).
class timeout_error : public std::runtime_error {
public:
    explicit timeout_error(const std::string& what = "timed out") : std::runtime_error(what) {}
};

// asyncio's InvalidStateError: a future asked for in the wrong state — result() or exception()
// while pending, set_result() / set_exception() when done — and other handle misuse (an empty or
// moved-from handle, a move-only result read twice).
class invalid_state_error : public std::logic_error {
public:
    explicit invalid_state_error(const std::string& what) : std::logic_error(what) {}
};

// asyncio's TypeError where the runtime raises one: a first asend() of a value to an async
// generator that has not started. An invalid argument by its type, so a std::invalid_argument.
class type_error : public std::invalid_argument {
public:
    explicit type_error(const std::string& what) : std::invalid_argument(what) {}
};

// run() / run_until_complete() called while a loop already runs on this thread.
class nested_run_error : public runtime_error {
public:
    explicit nested_run_error(const std::string& what) : runtime_error(what) {}
};

// The loop has nothing ready, no timer and no outside work pending, yet the awaited future is not
// done: without this it would wait forever.
class deadlock_error : public std::runtime_error {
public:
    explicit deadlock_error(const std::string& what) : std::runtime_error(what) {}
};

// Operation on a closed loop.
class loop_closed_error : public runtime_error {
public:
    explicit loop_closed_error(const std::string& what = "Event loop is closed") : runtime_error(what) {}
};

// Every error a task group collected (asyncio's ExceptionGroup).
class exception_group : public std::exception {
public:
    exception_group(std::string message, std::vector<std::exception_ptr> errors);
    const char* what() const noexcept override { return what_.c_str(); }
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return errors_; }

private:
    std::vector<std::exception_ptr> errors_;
    std::string what_;
};

// True if `error` holds a cancelled_error.
bool is_cancellation(const std::exception_ptr& error);
// The message of the cancelled_error `error` holds ("" for anything else).
std::string cancel_message(const std::exception_ptr& error);

// Best-effort text of any exception_ptr (std::exception, aio::base_exception or unknown). An empty
// message is replaced by the type's name (aio::queue_empty); a cause attached with
// std::throw_with_nested follows on its own line: "\n  caused by: <describe(cause)>", a context
// attached by with_context as "\n  during handling of: <describe(context)>".
std::string describe(const std::exception_ptr& error);

// The cause attached with std::throw_with_nested, or the context attached by with_context (null
// if none).
std::exception_ptr cause_of(const std::exception_ptr& error);

// Python's implicit chaining (`__context__`): `error`, raised while `context` was being handled,
// carrying `context` (aio::cause_of; describe() says "during handling of"). C++ can only rethrow
// a copy of a type it names, so this works for the standard exception types and aio's own of
// exactly that type; any other `error` (a user type, or one already carrying a cause) is returned
// unchanged, as is `error` when `context` is null or the same exception (a re-raise).
std::exception_ptr with_context(const std::exception_ptr& error, const std::exception_ptr& context);

}  // namespace aio
