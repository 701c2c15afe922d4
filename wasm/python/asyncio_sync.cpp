// asyncio.Lock, Event, Condition, Semaphore, BoundedSemaphore: Python objects owning the aio
// primitive. Awaiting one keeps the Python object (and so the primitive) alive.
#include "python/asyncio_internal.hpp"

#include "aio/barrier.hpp"
#include "aio/condition.hpp"
#include "aio/event.hpp"
#include "aio/lock.hpp"
#include "aio/semaphore.hpp"

#include <memory>
#include <string>

namespace aio::py::asyncio {

namespace {

template <class P>
struct Prim : Object {
    template <class... A>
    Prim(Type* t, A&&... a) : Object(t), p(std::forward<A>(a)...) {}
    P p;
};
struct ConditionObject : Object {
    ConditionObject(Type* t, Value l);
    Value lock;  // the Lock object it shares
    aio::condition c;
};

Value ctor_lock(Type&, const Value*, std::size_t, const Tuple*);
Value ctor_event(Type&, const Value*, std::size_t, const Tuple*);
Value ctor_condition(Type&, const Value*, std::size_t, const Tuple*);
Value ctor_semaphore(Type&, const Value*, std::size_t, const Tuple*);

Type lock_type("Lock", &object_type, Kind::object, ctor_lock);
Type event_type("Event", &object_type, Kind::object, ctor_event);
Type condition_type("Condition", &object_type, Kind::object, ctor_condition);
Type semaphore_type("Semaphore", &object_type, Kind::object, ctor_semaphore);
Type bounded_semaphore_type("BoundedSemaphore", &semaphore_type, Kind::object);
Value ctor_barrier(Type&, const Value*, std::size_t, const Tuple*);
Type barrier_type("Barrier", &object_type, Kind::object, ctor_barrier);

using LockObject = Prim<aio::lock>;
using EventObject = Prim<aio::event>;
using SemaphoreObject = Prim<aio::bounded_semaphore>;  // bound checked only for BoundedSemaphore

ConditionObject::ConditionObject(Type* t, Value l)
    : Object(t), lock(std::move(l)), c(static_cast<LockObject*>(lock.obj())->p) {}

template <class T>
T& self(const Value* args, std::size_t nargs, Type& t, const char* method) {
    if (nargs == 0 || !isinstance(args[0], t))
        raise(exc::TypeError, std::string("descriptor '") + method + "' requires a '" + t.name + "' object");
    return *static_cast<T*>(args[0].obj());
}

aio::coro<Value> ready(Value v) { co_return v; }

// The awaiter's ready path, as a co_await that does not suspend runs it.
template <class Awaiter>
bool took_fast_path(Awaiter&& a) {
    if (!a.await_ready()) return false;
    a.await_resume();
    return true;
}

// An await of a Lock, Event or Semaphore: `Make` gives the primitive's own aio awaiter. Its
// ready path (the lock free, the event set, a permit left: asyncio's coroutine returns before
// its first yield there) finishes the await at once; else the awaiting task parks on an awaiter
// held here (no coroutine frame per waiting task). The await's value is True (acquire(), wait())
// or None (__aenter__). Only cancellation can come out of them: no error mapping.
template <class Obj, class Awaiter, Awaiter (*Make)(Obj&)>
struct PrimAwaitable final : NativeAwaitable {
    PrimAwaitable(const char* qualname, Value self, bool returns_true)
        : NativeAwaitable(qualname), returns_true(returns_true), self(std::move(self)) {
        parks = true;
    }
    ~PrimAwaitable() override { drop(); }
    Obj& prim() const { return *static_cast<Obj*>(self.obj()); }
    Value result() const { return returns_true ? Value::boolean(true) : Value(); }
    bool finish_now(Value& out) override {
        if (!took_fast_path(Make(prim()))) return false;
        out = result();
        return true;
    }
    void park(aio::detail::co::coroutine_handle<> h) override {
        awaiter.make(*this, [&] { return Make(prim()); }).await_suspend(h);
    }
    Value unpark() override {
        awaiter.get().await_resume();
        return result();
    }
    void drop() noexcept override { awaiter.destroy(*this); }
    bool returns_true;
    Value self;
    AwaiterRoom<Awaiter> awaiter;
};

// __aexit__'s awaitable: done already.
struct DoneAwaitable final : NativeAwaitable {
    DoneAwaitable(const char* qualname, Value v) : NativeAwaitable(qualname), v(std::move(v)) {}
    bool finish_now(Value& out) override {
        out = v;
        return true;
    }
    aio::coro<Value> begin() override { return ready(v); }
    Value v;
};
Value done_awaitable(const char* name, Value v) { return Value(new DoneAwaitable(name, std::move(v))); }

Value no_args_ctor(const char* name, std::size_t nargs, const Tuple* kwnames) {
    detail::no_kwargs(name, kwnames);
    if (nargs) raise(exc::TypeError, std::string(name) + "() takes no arguments");
    return Value();
}

// asyncio.locks' __repr__: object.__repr__ with the state in brackets, e.g.
// "<asyncio.locks.Lock object at 0x... [locked, waiters:2]>".
Value state_repr(const Value& self, std::string state, std::size_t waiters) {
    if (waiters) state += ", waiters:" + std::to_string(waiters);
    const Type& t = type_of(self);
    return new_str("<" + t.module + "." + t.name + " object at " + detail::hex_address(self.obj()) + " [" + state + "]>");
}

// ---- Lock ----
Value ctor_lock(Type& t, const Value*, std::size_t nargs, const Tuple* kwnames) {
    no_args_ctor("Lock", nargs, kwnames);
    return Value(new LockObject(&t));
}
aio::detail::lock_awaiter lock_acquire(LockObject& o) { return o.p.acquire(); }
using LockAcquire = PrimAwaitable<LockObject, aio::detail::lock_awaiter, lock_acquire>;
Value lock_acquire_m(const Value* args, std::size_t nargs, const Tuple*) {
    self<LockObject>(args, nargs, lock_type, "acquire");
    return Value(new LockAcquire("Lock.acquire", args[0], true));
}
Value lock_release(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self<LockObject>(args, nargs, lock_type, "release");
    if (!l.p.locked()) raise(exc::RuntimeError, "Lock is not acquired.");
    l.p.release();
    return Value();
}
Value lock_locked(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(self<LockObject>(args, nargs, lock_type, "locked").p.locked());
}
Value lock_repr(const Value* args, std::size_t nargs, const Tuple*) {
    auto& l = self<LockObject>(args, nargs, lock_type, "__repr__").p;
    return state_repr(args[0], l.locked() ? "locked" : "unlocked", l.waiting());
}
Value lock_aenter(const Value* args, std::size_t nargs, const Tuple*) {
    self<LockObject>(args, nargs, lock_type, "__aenter__");
    return Value(new LockAcquire("Lock.__aenter__", args[0], false));
}
Value lock_aexit(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    lock_release(args, nargs, kwnames);
    return done_awaitable("Lock.__aexit__", Value());
}

// ---- Event ----
Value ctor_event(Type& t, const Value*, std::size_t nargs, const Tuple* kwnames) {
    no_args_ctor("Event", nargs, kwnames);
    return Value(new EventObject(&t));
}
aio::detail::event_awaiter event_wait(EventObject& o) { return o.p.wait(); }
using EventWait = PrimAwaitable<EventObject, aio::detail::event_awaiter, event_wait>;
Value event_wait_m(const Value* args, std::size_t nargs, const Tuple*) {
    self<EventObject>(args, nargs, event_type, "wait");
    return Value(new EventWait("Event.wait", args[0], true));
}
Value event_set(const Value* args, std::size_t nargs, const Tuple*) {
    self<EventObject>(args, nargs, event_type, "set").p.set();
    return Value();
}
Value event_clear(const Value* args, std::size_t nargs, const Tuple*) {
    self<EventObject>(args, nargs, event_type, "clear").p.clear();
    return Value();
}
Value event_is_set(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(self<EventObject>(args, nargs, event_type, "is_set").p.is_set());
}
Value event_repr(const Value* args, std::size_t nargs, const Tuple*) {
    auto& e = self<EventObject>(args, nargs, event_type, "__repr__").p;
    return state_repr(args[0], e.is_set() ? "set" : "unset", e.waiting());
}

// ---- Condition ----
Value ctor_condition(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("Condition", kwnames, {"lock"});
    const Value* l = arg(args, nargs, kwnames, 0, "lock");
    Value lock = l && !l->is_none() ? *l : call(Value(&lock_type), nullptr, 0);
    if (!isinstance(lock, lock_type)) raise(exc::TypeError, "lock must be an asyncio.Lock");
    return Value(new ConditionObject(&t, lock));
}
ConditionObject& cond(const Value* args, std::size_t nargs, const char* m) {
    return self<ConditionObject>(args, nargs, condition_type, m);
}
aio::coro<Value> cond_wait(Value self) {
    co_await static_cast<ConditionObject*>(self.obj())->c.wait();
    co_return Value::boolean(true);
}
Value cond_wait_m(const Value* args, std::size_t nargs, const Tuple*) {
    auto& c = cond(args, nargs, "wait");
    if (!c.c.locked()) raise(exc::RuntimeError, "cannot wait on un-acquired lock");
    Value s = args[0];
    return awaitable("Condition.wait", [s] { return cond_wait(s); });
}
aio::coro<Value> cond_wait_for(Value self, Value predicate) {
    Value result = call(predicate, nullptr, 0);
    while (!truthy(result)) {
        co_await static_cast<ConditionObject*>(self.obj())->c.wait();
        result = call(predicate, nullptr, 0);
    }
    co_return result;
}
Value cond_wait_for_m(const Value* args, std::size_t nargs, const Tuple*) {
    auto& c = cond(args, nargs, "wait_for");
    detail::check_args("wait_for()", nargs - 1, 1, 1);
    if (!c.c.locked()) raise(exc::RuntimeError, "cannot wait on un-acquired lock");
    Value s = args[0], p = args[1];
    return awaitable("Condition.wait_for", [s, p] { return cond_wait_for(s, p); });
}
Value cond_notify(const Value* args, std::size_t nargs, const Tuple*) {
    auto& c = cond(args, nargs, "notify");
    std::int64_t n = nargs > 1 ? detail::to_index(args[1], "n") : 1;
    if (!c.c.locked()) raise(exc::RuntimeError, "cannot notify on un-acquired lock");
    c.c.notify(static_cast<std::size_t>(n < 0 ? 0 : n));
    return Value();
}
Value cond_notify_all(const Value* args, std::size_t nargs, const Tuple*) {
    auto& c = cond(args, nargs, "notify_all");
    if (!c.c.locked()) raise(exc::RuntimeError, "cannot notify on un-acquired lock");
    c.c.notify_all();
    return Value();
}
// acquire/release/locked/async with go to the shared Lock.
Value cond_forward(const Value* args, std::size_t nargs, const char* m) {
    return call_method(cond(args, nargs, m).lock, m, {});
}
Value cond_acquire(const Value* a, std::size_t n, const Tuple*) { return cond_forward(a, n, "acquire"); }
Value cond_release(const Value* a, std::size_t n, const Tuple*) { return cond_forward(a, n, "release"); }
Value cond_locked(const Value* a, std::size_t n, const Tuple*) { return cond_forward(a, n, "locked"); }
Value cond_aenter(const Value* a, std::size_t n, const Tuple*) { return cond_forward(a, n, "__aenter__"); }
Value cond_repr(const Value* a, std::size_t n, const Tuple*) {
    ConditionObject& c = cond(a, n, "__repr__");
    return state_repr(a[0], truthy(call_method(c.lock, "locked", {})) ? "locked" : "unlocked", c.c.waiting());
}
Value cond_aexit(const Value* a, std::size_t n, const Tuple*) {
    return call_method(cond(a, n, "__aexit__").lock, "__aexit__", {Value(), Value(), Value()});
}

// ---- Semaphore / BoundedSemaphore ----
Value ctor_semaphore(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs(t.name.c_str(), kwnames, {"value"});
    const Value* v = arg(args, nargs, kwnames, 0, "value");
    std::int64_t value = v ? detail::to_index(*v, "value") : 1;
    if (value < 0) raise(exc::ValueError, "Semaphore initial value must be >= 0");
    return Value(new SemaphoreObject(&t, value));
}
aio::detail::semaphore_awaiter sem_acquire(SemaphoreObject& o) { return o.p.acquire(); }
using SemAcquire = PrimAwaitable<SemaphoreObject, aio::detail::semaphore_awaiter, sem_acquire>;
Value sem_acquire_m(const Value* args, std::size_t nargs, const Tuple*) {
    self<SemaphoreObject>(args, nargs, semaphore_type, "acquire");
    return Value(new SemAcquire("Semaphore.acquire", args[0], true));
}
Value sem_release(const Value* args, std::size_t nargs, const Tuple*) {
    auto& s = self<SemaphoreObject>(args, nargs, semaphore_type, "release");
    if (s.type->is_subtype_of(bounded_semaphore_type)) {
        try {
            s.p.release();
        } catch (const std::invalid_argument&) {
            raise(exc::ValueError, "BoundedSemaphore released too many times");
        }
    } else {
        s.p.semaphore::release();
    }
    return Value();
}
Value sem_locked(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(self<SemaphoreObject>(args, nargs, semaphore_type, "locked").p.locked());
}
Value sem_repr(const Value* args, std::size_t nargs, const Tuple*) {
    auto& sem = self<SemaphoreObject>(args, nargs, semaphore_type, "__repr__").p;
    return state_repr(args[0], sem.locked() ? std::string("locked") : "unlocked, value:" + std::to_string(sem.value()),
                      sem.waiting());
}
Value sem_aenter(const Value* args, std::size_t nargs, const Tuple*) {
    self<SemaphoreObject>(args, nargs, semaphore_type, "__aenter__");
    return Value(new SemAcquire("Semaphore.__aenter__", args[0], false));
}
Value sem_aexit(const Value* args, std::size_t nargs, const Tuple* kwnames) {
    sem_release(args, nargs, kwnames);
    return done_awaitable("Semaphore.__aexit__", Value());
}

// ---- Barrier ----
using BarrierObject = Prim<aio::barrier>;
Value ctor_barrier(Type& t, const Value* args, std::size_t nargs, const Tuple* kwnames) {
    detail::only_kwargs("Barrier", kwnames, {"parties"});
    const Value* p = arg(args, nargs, kwnames, 0, "parties");
    if (!p) raise(exc::TypeError, "Barrier.__init__() missing 1 required positional argument: 'parties'");
    std::int64_t parties = detail::to_index(*p, "parties");
    if (parties < 1) raise(exc::ValueError, "parties must be > 0");
    return Value(new BarrierObject(&t, static_cast<std::size_t>(parties)));
}
// The properties parties, n_waiting (tasks waiting for it to fill) and broken.
aio::barrier& barrier_of(const Value* args, std::size_t nargs, const char* name) {
    return self<BarrierObject>(args, nargs, barrier_type, name).p;
}
Value barrier_parties(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::integer(static_cast<std::int64_t>(barrier_of(args, nargs, "parties").parties()));
}
Value barrier_n_waiting(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::integer(static_cast<std::int64_t>(barrier_of(args, nargs, "n_waiting").n_waiting()));
}
Value barrier_broken(const Value* args, std::size_t nargs, const Tuple*) {
    return Value::boolean(barrier_of(args, nargs, "broken").broken());
}
// asyncio.Barrier's __repr__: "<asyncio.locks.Barrier object at 0x... [filling, waiters:2/3]>".
Value barrier_repr(const Value* args, std::size_t nargs, const Tuple*) {
    aio::barrier& b = barrier_of(args, nargs, "__repr__");
    std::string state = b.state_name();
    if (!b.broken()) state += ", waiters:" + std::to_string(b.n_waiting()) + "/" + std::to_string(b.parties());
    return state_repr(args[0], state, 0);
}
aio::coro<Value> barrier_wait(Value self) {
    std::size_t index = co_await static_cast<BarrierObject*>(self.obj())->p.wait();
    co_return Value::integer(static_cast<std::int64_t>(index));
}
Value barrier_wait_m(const Value* args, std::size_t nargs, const Tuple*) {
    self<BarrierObject>(args, nargs, barrier_type, "wait");
    Value s = args[0];
    return awaitable("Barrier.wait", [s] { return barrier_wait(s); });
}
aio::coro<Value> barrier_reset(Value self, bool abort) {
    auto& b = static_cast<BarrierObject*>(self.obj())->p;
    abort ? b.abort() : b.reset();
    co_return Value();
}
Value barrier_reset_m(const Value* args, std::size_t nargs, const Tuple*) {
    self<BarrierObject>(args, nargs, barrier_type, "reset");
    Value s = args[0];
    return awaitable("Barrier.reset", [s] { return barrier_reset(s, false); });
}
Value barrier_abort_m(const Value* args, std::size_t nargs, const Tuple*) {
    self<BarrierObject>(args, nargs, barrier_type, "abort");
    Value s = args[0];
    return awaitable("Barrier.abort", [s] { return barrier_reset(s, true); });
}

}  // namespace

void init_sync(Dict& ns) {
    for (Type* t : {&lock_type, &event_type, &condition_type, &semaphore_type, &bounded_semaphore_type, &barrier_type})
        t->module = "asyncio.locks";
    def_method(barrier_type, "wait", barrier_wait_m);
    def_method(barrier_type, "__repr__", barrier_repr);
    def_method(barrier_type, "reset", barrier_reset_m);
    def_method(barrier_type, "abort", barrier_abort_m);
    def_getter(barrier_type, "parties", barrier_parties);
    def_getter(barrier_type, "n_waiting", barrier_n_waiting);
    def_getter(barrier_type, "broken", barrier_broken);
    put(ns, "Barrier", Value(&barrier_type));
    put(ns, "BrokenBarrierError", Value(&broken_barrier_error_type));
    def_method(lock_type, "acquire", lock_acquire_m);
    def_method(lock_type, "release", lock_release);
    def_method(lock_type, "locked", lock_locked);
    def_method(lock_type, "__aenter__", lock_aenter);
    def_method(lock_type, "__aexit__", lock_aexit);
    def_method(event_type, "wait", event_wait_m);
    def_method(event_type, "set", event_set);
    def_method(event_type, "clear", event_clear);
    def_method(event_type, "is_set", event_is_set);
    def_method(condition_type, "wait", cond_wait_m);
    def_method(condition_type, "wait_for", cond_wait_for_m);
    def_method(condition_type, "notify", cond_notify);
    def_method(condition_type, "notify_all", cond_notify_all);
    def_method(condition_type, "acquire", cond_acquire);
    def_method(condition_type, "release", cond_release);
    def_method(condition_type, "locked", cond_locked);
    def_method(condition_type, "__aenter__", cond_aenter);
    def_method(condition_type, "__aexit__", cond_aexit);
    def_method(semaphore_type, "acquire", sem_acquire_m);
    def_method(semaphore_type, "release", sem_release);
    def_method(semaphore_type, "locked", sem_locked);
    def_method(semaphore_type, "__aenter__", sem_aenter);
    def_method(semaphore_type, "__aexit__", sem_aexit);
    def_method(lock_type, "__repr__", lock_repr);
    def_method(event_type, "__repr__", event_repr);
    def_method(condition_type, "__repr__", cond_repr);
    def_method(semaphore_type, "__repr__", sem_repr);
    put(ns, "Lock", Value(&lock_type));
    put(ns, "Event", Value(&event_type));
    put(ns, "Condition", Value(&condition_type));
    put(ns, "Semaphore", Value(&semaphore_type));
    put(ns, "BoundedSemaphore", Value(&bounded_semaphore_type));
}

}  // namespace aio::py::asyncio
