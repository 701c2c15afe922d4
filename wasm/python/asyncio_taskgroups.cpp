// asyncio.TaskGroup over aio::task_group. __aenter__ and __aexit__ are NativeAwaitables whose
// coroutines run in the awaiting task, so the group binds to the task whose body it encloses,
// as asyncio's does; the first failing child cancels the rest and the errors leave __aexit__ as
// ExceptionGroup('unhandled errors in a TaskGroup', [...]) (from_aio_error).
#include "python/asyncio_internal.hpp"

#include "aio/task_group.hpp"

namespace aio::py::asyncio {

namespace {

struct TaskGroupObject : Object {
    explicit TaskGroupObject(Type* t) : Object(t) {}
    aio::task_group group;
};

Value ctor_task_group(Type& t, const Value*, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("TaskGroup", kwnames);
    if (nargs)
        raise(exc::TypeError, "TaskGroup.__init__() takes 1 positional argument but " + std::to_string(nargs + 1) +
                                  " were given");
    return Value(new TaskGroupObject(&t));
}
Type task_group_type("TaskGroup", &object_type, Kind::object, ctor_task_group);

TaskGroupObject& self(const Value* args, std::size_t nargs, const char* method) {
    if (nargs == 0 || !isinstance(args[0], task_group_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'TaskGroup' object");
    return *static_cast<TaskGroupObject*>(args[0].obj());
}

aio::coro<Value> enter_body(Value s) {
    auto& g = *static_cast<TaskGroupObject*>(s.obj());
    g.group.enter();
    co_return s;
}
Value m_aenter(const Value* args, std::size_t nargs, const Tuple*) {
    self(args, nargs, "__aenter__");
    Value s = args[0];
    return awaitable("TaskGroup.__aenter__", [s] { return enter_body(s); });
}

// Waits for the children; returns False so that the body's own error (when the group does not
// turn it into a group error) propagates, as asyncio's __aexit__ returning None does.
aio::coro<Value> exit_body(Value s, Value exc) {
    auto& g = *static_cast<TaskGroupObject*>(s.obj());
    // A named local, not a temporary in the co_await expression: g++ 12 destroys such
    // temporaries twice (a double free of the exception_ptr).
    std::exception_ptr body_error;
    if (!exc.is_none()) body_error = to_aio_error(exc);
    co_await g.group.exit(body_error);
    co_return Value::boolean(false);
}
Value m_aexit(const Value* args, std::size_t nargs, const Tuple*) {
    self(args, nargs, "__aexit__");
    // asyncio's signature is __aexit__(self, et, exc, tb): CPython's words for a wrong count.
    if (nargs > 4)
        raise(exc::TypeError, "TaskGroup.__aexit__() takes 4 positional arguments but " + std::to_string(nargs) +
                                  " were given");
    if (nargs < 4) {
        static const char* const names[] = {"'et'", "'exc'", "'tb'"};
        std::size_t missing = 4 - nargs;
        std::string list;
        for (std::size_t k = 3 - missing; k < 3; ++k)
            list += (list.empty() ? "" : k == 2 ? " and " : ", ") + std::string(names[k]);
        raise(exc::TypeError, "TaskGroup.__aexit__() missing " + std::to_string(missing) + " required positional argument" +
                                  (missing > 1 ? "s: " : ": ") + list);
    }
    Value s = args[0], e = args[2];
    return awaitable("TaskGroup.__aexit__", [s, e] { return exit_body(s, e); });
}

Value m_create_task(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    auto& g = self(args, nargs, "create_task");
    auto options = task_options(args, nargs, kwnames);
    detail::check_args("create_task()", nargs - 1, 1, 1);
    mapped_call([&] { g.group.check_accepting(); });
    Value coro = args[1];
    return wrap_task(spawn_in(g.group, coro, options.name, options.context), coro);
}

Value m_repr(const Value* args, std::size_t nargs, const Tuple*) {
    return new_str(self(args, nargs, "__repr__").group.repr());
}

}  // namespace

void init_taskgroups(Dict& ns) {
    task_group_type.module = "asyncio.taskgroups";
    def_method(task_group_type, "__aenter__", m_aenter);
    def_method(task_group_type, "__aexit__", m_aexit);
    def_method(task_group_type, "create_task", m_create_task);
    def_method(task_group_type, "__repr__", m_repr);
    put(ns, "TaskGroup", Value(&task_group_type));
}

}  // namespace aio::py::asyncio
