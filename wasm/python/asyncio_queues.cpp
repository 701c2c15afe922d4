// asyncio.Queue, PriorityQueue, LifoQueue: aio's queues of Python values. PriorityQueue orders
// with Python's `<` (heapq's order), so tuples and objects with __lt__ work as in CPython.
#include "python/asyncio_internal.hpp"

#include "aio/queue.hpp"

#include <utility>

namespace aio::py::asyncio {

namespace {

struct PyLess {
    bool operator()(const Value& a, const Value& b) const { return lt(a, b); }
};

// The aio queue's methods do not depend on the element order, so every Queue object starts
// with the same fields: `maxsize` (as given: <= 0 is unbounded) is readable from any of them.
struct QueueBase : Object {
    QueueBase(Type* t, std::int64_t m) : Object(t), maxsize(m) {}
    std::int64_t maxsize;
};
template <class Q>
struct QueueObject : QueueBase {
    QueueObject(Type* t, std::int64_t maxsize) : QueueBase(t, maxsize), q(maxsize < 0 ? 0 : static_cast<std::size_t>(maxsize)) {}
    Q q;
};
using Fifo = QueueObject<aio::queue<Value>>;
using Lifo = QueueObject<aio::lifo_queue<Value>>;
using Heap = QueueObject<aio::priority_queue<Value, PyLess>>;

Value ctor_queue(Type&, const Value*, std::size_t, const Tuple*);
Type queue_type("Queue", &object_type, Kind::object, ctor_queue);
Type priority_queue_type("PriorityQueue", &queue_type, Kind::object);
Type lifo_queue_type("LifoQueue", &queue_type, Kind::object);

Value ctor_queue(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs(t.name.c_str(), kwnames, {"maxsize"});
    const Value* m = arg(args, nargs, kwnames, 0, "maxsize");
    std::int64_t maxsize = m ? detail::to_index(*m, "maxsize") : 0;
    if (t.is_subtype_of(priority_queue_type)) return Value(new Heap(&t, maxsize));
    if (t.is_subtype_of(lifo_queue_type)) return Value(new Lifo(&t, maxsize));
    return Value(new Fifo(&t, maxsize));
}

// Calls f with the typed queue of v (which must be a Queue).
template <class F>
decltype(auto) with_queue(const Value* args, std::size_t nargs, const char* method, F&& f) {
    if (nargs == 0 || !isinstance(args[0], queue_type))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a 'Queue' object");
    Type* t = args[0].obj()->type;
    if (t == &queue_type) return f(static_cast<Fifo*>(args[0].obj())->q);  // the usual one
    if (t->is_subtype_of(priority_queue_type)) return f(static_cast<Heap*>(args[0].obj())->q);
    if (t->is_subtype_of(lifo_queue_type)) return f(static_cast<Lifo*>(args[0].obj())->q);
    return f(static_cast<Fifo*>(args[0].obj())->q);
}

// What q.put(item) / q.get() return. Like asyncio's coroutines they do nothing until awaited,
// and an await that needs no wait (room to put, an item to get, or the shutdown error) finishes
// at once: put_nowait / get_nowait (the common case of a busy queue). Otherwise the awaiting
// task parks on the aio queue's own awaiter, held here. `self` keeps the Queue object (and so q)
// alive meanwhile.
template <class Q>
struct QueueGet final : NativeAwaitable {
    QueueGet(Value self, Q& q) : NativeAwaitable("Queue.get"), self(std::move(self)), q(q) { parks = true; }
    ~QueueGet() override { drop(); }
    bool finish_now(Value& out) override {
        if (q.empty() && !q.is_shut_down()) return false;
        out = mapped_call([&] { return q.get_nowait(); });
        return true;
    }
    void park(aio::detail::co::coroutine_handle<> h) override {
        awaiter.make(*this, [&] { return q.get(); }).await_suspend(h);
    }
    Value unpark() override {
        return mapped_await([&] { return awaiter.get().await_resume(); });
    }
    void drop() noexcept override { awaiter.destroy(*this); }
    Value self;
    Q& q;
    AwaiterRoom<decltype(std::declval<Q&>().get())> awaiter;
};
template <class Q>
struct QueuePut final : NativeAwaitable {
    QueuePut(Value self, Q& q, Value item) : NativeAwaitable("Queue.put"), self(std::move(self)), q(q), item(std::move(item)) {
        parks = true;
    }
    ~QueuePut() override { drop(); }
    bool finish_now(Value&) override {
        if (q.full() && !q.is_shut_down()) return false;
        mapped_call([&] { q.put_nowait(std::move(item)); });
        return true;
    }
    void park(aio::detail::co::coroutine_handle<> h) override {
        awaiter.make(*this, [&] { return q.put(std::move(item)); }).await_suspend(h);
    }
    Value unpark() override {
        mapped_await([&] { awaiter.get().await_resume(); });
        return Value();
    }
    void drop() noexcept override { awaiter.destroy(*this); }
    Value self;
    Q& q;
    Value item;  // until the await gives it to the queue
    AwaiterRoom<decltype(std::declval<Q&>().put(Value()))> awaiter;
};

template <class Q>
aio::coro<Value> join_body([[maybe_unused]] Value self, Q* q) {
    co_await q->join();
    co_return Value();
}

Value m_put(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("put", kwnames);
    detail::check_args("put()", nargs - 1, 1, 1);
    Value self = args[0], item = args[1];
    return with_queue(args, nargs, "put", [&](auto& q) {
        return Value(new QueuePut<std::decay_t<decltype(q)>>(self, q, item));
    });
}
Value m_get(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("get", kwnames);
    detail::check_args("get()", nargs - 1, 0, 0);
    Value self = args[0];
    return with_queue(args, nargs, "get", [&](auto& q) {
        return Value(new QueueGet<std::decay_t<decltype(q)>>(self, q));
    });
}
Value m_join(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("join", kwnames);
    Value self = args[0];
    return with_queue(args, nargs, "join", [&](auto& q) {
        auto* p = &q;
        return awaitable("Queue.join", [self, p] { return join_body(self, p); });
    });
}
Value m_put_nowait(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("put_nowait", kwnames);
    detail::check_args("put_nowait()", nargs - 1, 1, 1);
    return with_queue(args, nargs, "put_nowait", [&](auto& q) {
        mapped_call([&] { q.put_nowait(args[1]); });
        return Value();
    });
}
Value m_get_nowait(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("get_nowait", kwnames);
    detail::check_args("get_nowait()", nargs - 1, 0, 0);
    return with_queue(args, nargs, "get_nowait", [&](auto& q) { return mapped_call([&] { return q.get_nowait(); }); });
}
Value m_task_done(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs("task_done", kwnames);
    return with_queue(args, nargs, "task_done", [&](auto& q) {
        mapped_call([&] { q.task_done(); });
        return Value();
    });
}
Value m_shutdown(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("shutdown", kwnames, {"immediate"});
    const Value* im = arg(args + 1, nargs - 1, kwnames, 0, "immediate");
    bool immediate = im && truthy(*im);
    return with_queue(args, nargs, "shutdown", [&](auto& q) {
        q.shutdown(immediate);
        return Value();
    });
}
Value m_qsize(const Value* args, std::size_t nargs, const Tuple*) {
    return with_queue(args, nargs, "qsize", [](auto& q) { return Value::integer(static_cast<std::int64_t>(q.qsize())); });
}
Value m_empty(const Value* args, std::size_t nargs, const Tuple*) {
    return with_queue(args, nargs, "empty", [](auto& q) { return Value::boolean(q.empty()); });
}
Value m_full(const Value* args, std::size_t nargs, const Tuple*) {
    return with_queue(args, nargs, "full", [](auto& q) { return Value::boolean(q.full()); });
}

Value g_maxsize(const Value* args, std::size_t nargs, const Tuple*) {
    if (nargs == 0 || !isinstance(args[0], queue_type)) raise(exc::TypeError, "a Queue is required");
    return Value::integer(static_cast<QueueBase*>(args[0].obj())->maxsize);
}

// asyncio.Queue._format(): "maxsize=0 _queue=[1, 2] _getters[1] _putters[1] tasks=2".
std::string queue_format(const Value* args, std::size_t nargs, const char* method) {
    std::string out = "maxsize=" + std::to_string(static_cast<QueueBase*>(args[0].obj())->maxsize);
    with_queue(args, nargs, method, [&](auto& q) {
        if (q.qsize()) {
            std::vector<Value> items;
            q.for_each_item([&](const Value& v) { items.push_back(v); });
            out += " _queue=" + repr(new_list(std::move(items)));
        }
        if (q.getters_waiting()) out += " _getters[" + std::to_string(q.getters_waiting()) + "]";
        if (q.putters_waiting()) out += " _putters[" + std::to_string(q.putters_waiting()) + "]";
        if (q.unfinished_tasks()) out += " tasks=" + std::to_string(q.unfinished_tasks());
        return 0;
    });
    return out;
}
Value m_repr(const Value* args, std::size_t nargs, const Tuple*) {
    std::string format = queue_format(args, nargs, "__repr__");
    return new_str("<" + type_of(args[0]).name + " at " + detail::hex_address(args[0].obj()) + " " + format + ">");
}
Value m_str(const Value* args, std::size_t nargs, const Tuple*) {
    std::string format = queue_format(args, nargs, "__str__");
    return new_str("<" + type_of(args[0]).name + " " + format + ">");
}

}  // namespace

void init_queues(Dict& ns) {
    for (Type* t : {&queue_type, &priority_queue_type, &lifo_queue_type, &queue_empty_type, &queue_full_type})
        t->module = "asyncio.queues";
    def_getter(queue_type, "maxsize", g_maxsize);
    def_method(queue_type, "put", m_put);
    def_method(queue_type, "get", m_get);
    def_method(queue_type, "join", m_join);
    def_method(queue_type, "put_nowait", m_put_nowait);
    def_method(queue_type, "get_nowait", m_get_nowait);
    def_method(queue_type, "task_done", m_task_done);
    def_method(queue_type, "shutdown", m_shutdown);
    def_method(queue_type, "qsize", m_qsize);
    def_method(queue_type, "empty", m_empty);
    def_method(queue_type, "full", m_full);
    def_method(queue_type, "__repr__", m_repr);
    def_method(queue_type, "__str__", m_str);
    put(ns, "Queue", Value(&queue_type));
    put(ns, "PriorityQueue", Value(&priority_queue_type));
    put(ns, "LifoQueue", Value(&lifo_queue_type));
    put(ns, "QueueEmpty", Value(&queue_empty_type));
    put(ns, "QueueFull", Value(&queue_full_type));
    put(ns, "QueueShutDown", Value(&queue_shut_down_type));
}

}  // namespace aio::py::asyncio
