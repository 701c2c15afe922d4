// Shared by the asyncio_*.cpp files only: the Future/Task object, argument helpers and the
// wrapper every asyncio awaitable's coroutine runs in.
#pragma once

#include "python/asyncio.hpp"
#include "python/awaitable.hpp"
#include "python/detail.hpp"
#include "python/modules.hpp"

#include "aio/task.hpp"

namespace aio {
class task_group;
}

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace aio::detail {
class task_core;
}

namespace aio::py {
// context= of create_task (mod_contextvars.cpp): None or a contextvars.Context, else TypeError.
void check_context_arg(const Value& context);
// The task runs in `context` (a checked one; None: the copy of its creator's it was made with).
void assign_context(const aio::detail::task_core& task, const Value& context);
Value copy_current_context();  // contextvars.copy_context()
// What a callback scheduled without context= runs in: a copy of the current context, as
// asyncio's Handle takes (None while no context variable was ever set on this thread).
Value callback_context();
}  // namespace aio::py

namespace aio::py::asyncio {

// asyncio.Future and asyncio.Task (a subtype): a Python view of an aio future or task. The typed
// aio handle lives in the closures; `handle` is its untyped side (state, cancel, callbacks).
struct FutureObject : Object, private aio::detail::waiter_node {
    FutureObject(Type* t, aio::any_future h) : Object(t), handle(std::move(h)) {}
    ~FutureObject() override;
    void report_unretrieved() noexcept;
    // A pending Task holds a reference to itself, through a waiter on its aio task that lets go
    // one loop step after the end (asyncio's loop references a running task).
    void keep_while_pending();
    aio::any_future handle;
    // A Future's (and gather's) typed access; a Task has none: its typed handle is `handle`.
    struct Ops {
        std::function<Value()> read;
        std::function<aio::coro<Value>()> wait;
        std::function<void(Value)> set_result;  // null: no set_result (gather's)
        aio::any_future cancel_target;          // gather's: cancel() goes to the children
    };
    std::unique_ptr<Ops> ops;
    Value read() const;                                 // the result, once done without error
    std::function<aio::coro<Value>()> awaiting() const;  // co_awaits the typed handle
    Value coro;                                 // Tasks: the coroutine it runs
    // For remove_done_callback; made by the first add_done_callback.
    std::unique_ptr<std::vector<std::pair<Value, std::uint64_t>>> callbacks;

private:
    static void pending_ended(aio::detail::waiter_node& node, aio::detail::future_core& core);
};
extern Type future_type, task_type;

Value new_future();                                   // on the running loop
Value wrap_future(aio::future<Value> f);
Value wrap_task(aio::task<Value> t, Value coro);
// The Python Task of an aio task (the same object each time while it is alive).
Value task_object(aio::any_task t);
FutureObject* as_future(const Value& v);              // nullptr when not a Future/Task
// A Future/Task as-is; a coroutine (or other awaitable) as a new Task; TypeError otherwise.
aio::task<Value> ensure_task(const Value& aw);
Value ensure_future_value(const Value& aw);
// create_task's core: a task running `coro` on `loop` (the running one by default).
// `context`: create_task's context= (checked by check_context_arg).
aio::task<Value> spawn(Value coro, std::string name = {}, aio::event_loop* loop = nullptr, const Value& context = {});
// The same as a child of `group` (TaskGroup.create_task).
aio::task<Value> spawn_in(aio::task_group& group, Value coro, std::string name, const Value& context = {});
// create_task's keywords: the task's name ("" when none) and its context= (None when none),
// checked before any task is made.
struct TaskOptions {
    std::string name;
    Value context;
};
TaskOptions task_options(const Value* args, std::size_t nargs, const Tuple* kwnames);

// Runs `f`; an aio error it throws (a refusal such as QueueEmpty or a finished TaskGroup's
// RuntimeError) leaves as asyncio's Python exception.
template <class F>
decltype(auto) mapped_call(F&& f) {
    try {
        return f();
    } catch (const Error&) {
        throw;
    } catch (...) {
        throw Error(from_aio_error(std::current_exception()));
    }
}

// mapped_call for an await's own steps (a parked awaiter's await_suspend and await_resume):
// aio's cancellation passes as it is.
template <class F>
decltype(auto) mapped_await(F&& f) {
    try {
        return f();
    } catch (const Error&) {
        throw;
    } catch (const aio::cancelled_error&) {
        throw;
    } catch (...) {
        throw Error(from_aio_error(std::current_exception()));
    }
}

// Runs `body`, mapping its errors other than cancellation to Python.
aio::coro<Value> mapped(aio::coro<Value> body);
// An awaitable whose start() runs `body` and maps errors other than cancellation to Python.
Value awaitable(const char* qualname, std::function<aio::coro<Value>()> body);

// The loop's Python object (the same one while it lives); a new loop as new_event_loop() makes.
Value loop_object(aio::event_loop& loop);
Value new_loop_object();
aio::event_loop& loop_of(const Value& loop_object);  // TypeError when it is not a loop
// Runs `coro` as the main task of `loop` until it is done: its value, or its Python exception.
// `shutdown` then cancels what is left and closes the loop (asyncio.run's end).
// `context`: the main task's context= (None: a copy of the current one).
Value run_main_task(aio::event_loop& loop, Value coro, bool shutdown, const Value& context = {});

// Async generators (asyncio_asyncgens.cpp). shutdown_asyncgens: aclose() of every async generator
// first iterated on `loop` and still alive, concurrently; their errors go to the exception
// handler. shut_down_loop: asyncio.run's end (Runner.close) as CPython's: cancel what is left,
// shutdown_asyncgens, then aio's shutdown_after_run (executor, close). forget_asyncgens: the
// loop is going; its generators are finalized by no loop any more (and its default executor is
// forgotten).
aio::coro<Value> shutdown_asyncgens(aio::event_loop& loop);
void shut_down_loop(aio::event_loop& loop) noexcept;
void forget_asyncgens(aio::event_loop& loop) noexcept;

// loop.set_default_executor's executor (None when not set): what run_in_executor(None, ...) and
// to_thread use. Forgotten when the loop ends (with its async generators).
Value default_executor(const aio::event_loop& loop);
void forget_default_executor(const aio::event_loop& loop) noexcept;

// Code on a Python thread (a hosted program's body too) running `inner` to an end: as on an OS
// thread, no loop runs meanwhile; the thread's loop `outer` waits, and on the virtual clock its
// time then moves on by as much as the inner loop's did.
Value beside_thread_loop(aio::event_loop& outer, aio::event_loop& inner, const std::function<Value()>& run);
aio::event_loop& running_loop();  // RuntimeError('no running event loop')
double to_seconds(const Value& v, const char* what);

inline void def(Dict& ns, const char* name, NativeFn fn) {
    ns.table.insert(new_str(name), new_function(name, fn));
}
inline void put(Dict& ns, const char* name, Value v) { ns.table.insert(new_str(name), std::move(v)); }
inline const Value* kw(const Value* args, std::size_t nargs, const Tuple* kwnames, std::string_view name) {
    return detail::kwarg(args, nargs, kwnames, name);
}

// Argument `pos` given positionally or as keyword `name` (nullptr when absent).
inline const Value* arg(const Value* args, std::size_t nargs, const Tuple* kwnames, std::size_t pos,
                        std::string_view name) {
    if (pos < nargs) return &args[pos];
    return kw(args, nargs, kwnames, name);
}

// The loop's error reports (asyncio_exception_handler.cpp). report_like_asyncio installs on a loop
// the front-end made the handler that turns aio's reports into asyncio's context dicts and
// writes CPython's default text to sys.stderr (and the log handler for its debug messages).
void report_like_asyncio(aio::event_loop& loop);
// Calls a loop callback fn(*args) (context.run(fn, *args) given a context); a Python error leaves
// to the loop's report, which names it.
void run_callback(const Value& fn, const std::vector<Value>& args, bool timer, const Value& context = {});
std::string callback_text(const Value& fn, const std::vector<Value>& args);  // "cb(1) at x.py:3"
Value handle_object(aio::callback_handle h, Value fn, std::vector<Value> args, bool timer);
Value set_exception_handler(aio::event_loop& loop, const Value& handler);
Value get_exception_handler(aio::event_loop& loop);
void call_exception_handler(aio::event_loop& loop, const Value& context);
void default_exception_handler(const Value& context);

// Each file's part of the module.
void init_futures(Dict& ns);
void init_tasks(Dict& ns);
void init_sync(Dict& ns);
void init_queues(Dict& ns);
void init_loop(Dict& ns);
void init_timeouts(Dict& ns);
void init_taskgroups(Dict& ns);
void init_runners(Dict& ns);

}  // namespace aio::py::asyncio
