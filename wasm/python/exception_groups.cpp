// ExceptionGroup's split/subgroup/derive and what `except*` needs from them: matching one
// clause's types against the exception being handled, and the group to re-raise at the end
// (CPython 3.11's CHECK_EG_MATCH and PREP_RERAISE_STAR semantics).
#include "python/exception_groups.hpp"

#include "python/builtins.hpp"
#include "python/detail.hpp"

#include <set>

namespace aio::py {

using namespace detail;

namespace {

bool is_group(const Value& v) { return isinstance(v, exc::BaseExceptionGroup); }

std::vector<Value>& members(const Value& group) {
    return getattr(group, "exceptions").as<Tuple>()->items;
}

// What split()/subgroup() select by: exception types, or a predicate called with each one.
struct Matcher {
    Value types;      // a type or tuple of types, or none
    Value predicate;  // a callable, or none
    const std::set<const Object*>* ids = nullptr;  // leaves by identity (projection)
    bool operator()(const Value& e) const {
        if (ids) return ids->count(e.obj()) != 0;
        if (!predicate.is_none()) return truthy(call(predicate, {e}));
        if (is(types, Kind::type)) return isinstance(e, *types.as<Type>());
        for (auto& t : types.as<Tuple>()->items)
            if (isinstance(e, *t.as<Type>())) return true;
        return false;
    }
};

bool exception_type(const Value& t) { return is(t, Kind::type) && is_exception_type(*t.as<Type>()); }

Matcher matcher_of(const Value& condition) {
    Matcher m;
    if (exception_type(condition)) {
        m.types = condition;
        return m;
    }
    if (is(condition, Kind::tuple)) {
        bool all = true;
        for (auto& t : condition.as<Tuple>()->items) all = all && exception_type(t);
        if (all) {
            m.types = condition;
            return m;
        }
    } else if (is_callable(condition) && !is(condition, Kind::type)) {
        m.predicate = condition;
        return m;
    }
    raise(exc::TypeError, "expected a function, exception type or tuple of exception types");
}

// orig.derive(excs) with orig's traceback, cause, context and notes (a copy of the list, as
// CPython 3.11 makes), or none when excs is empty.
Value subset(const Value& orig, std::vector<Value> excs) {
    if (excs.empty()) return Value();
    Value eg = call(getattr(orig, "derive"), {new_list(std::move(excs))});
    if (!is_group(eg)) raise(exc::TypeError, "derive must return an instance of BaseExceptionGroup");
    auto* o = orig.as<ExceptionObject>();
    auto* d = eg.as<ExceptionObject>();
    if (is(o->traceback, Kind::list)) d->traceback = new_list(o->traceback.as<List>()->items);
    d->cause = o->cause;
    d->context = o->context;
    d->context_assigned = o->context_assigned;
    d->suppress_context = o->suppress_context;
    Value notes;
    if (try_getattr(orig, "__notes__", notes) && is(notes, Kind::list))
        setattr(eg, "__notes__", new_list(notes.as<List>()->items));
    return eg;
}

void split_into(const Value& e, const Matcher& m, bool want_rest, Value& match, Value& rest) {
    match = rest = Value();
    if (m(e)) {
        match = e;
        return;
    }
    if (!is_group(e)) {
        if (want_rest) rest = e;
        return;
    }
    std::vector<Value> matched, others;
    for (auto& sub : members(e)) {
        Value sm, sr;
        split_into(sub, m, want_rest, sm, sr);
        if (!sm.is_none()) matched.push_back(sm);
        if (!sr.is_none()) others.push_back(sr);
    }
    match = subset(e, std::move(matched));
    if (want_rest) rest = subset(e, std::move(others));
}

Value m_split(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("BaseExceptionGroup.split", kw);
    check_args("BaseExceptionGroup.split", n - 1, 1, 1);
    Value match, rest;
    split_into(a[0], matcher_of(a[1]), true, match, rest);
    return new_tuple({match, rest});
}

Value m_subgroup(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("BaseExceptionGroup.subgroup", kw);
    check_args("BaseExceptionGroup.subgroup", n - 1, 1, 1);
    Value match, rest;
    split_into(a[0], matcher_of(a[1]), false, match, rest);
    return match;
}

Value m_derive(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("BaseExceptionGroup.derive", kw);
    check_args("BaseExceptionGroup.derive", n - 1, 1, 1);
    return call(Value(&exc::BaseExceptionGroup), {getattr(a[0], "message"), a[1]});
}

// A new ExceptionGroup("", excs) that keeps e's traceback (a naked exception caught by except*).
Value wrap(const Value& e) {
    Value g = call(Value(&exc::BaseExceptionGroup), {new_str(""), new_tuple({e})});
    auto* o = e.as<ExceptionObject>();
    if (is(o->traceback, Kind::list)) g.as<ExceptionObject>()->traceback = new_list(o->traceback.as<List>()->items);
    return g;
}

void check_star_type(const Value& t) {
    if (is(t, Kind::tuple)) {
        for (auto& x : t.as<Tuple>()->items) check_star_type(x);
        return;
    }
    if (!exception_type(t))
        raise(exc::TypeError, "catching classes that do not inherit from BaseException is not allowed");
    if (t.as<Type>()->is_subtype_of(exc::BaseExceptionGroup))
        raise(exc::TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
}

void leaf_ids(const Value& e, std::set<const Object*>& out) {
    if (!is_group(e)) {
        out.insert(e.obj());
        return;
    }
    for (auto& sub : members(e)) leaf_ids(sub, out);
}

bool same_list(const Value& a, const Value& b) {
    if (a.is(b)) return true;
    if (!is(a, Kind::list) || !is(b, Kind::list)) return false;
    auto& x = a.as<List>()->items;
    auto& y = b.as<List>()->items;
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!x[i].is(y[i])) return false;
    return true;
}

// A part split off the original (and re-raised by a bare `raise`) shares its metadata; our
// tracebacks are lists that each split copies, so they compare by their entries.
bool same_metadata(const Value& a, const Value& b) {
    auto* x = a.as<ExceptionObject>();
    auto* y = b.as<ExceptionObject>();
    Value na, nb;
    try_getattr(a, "__notes__", na);
    try_getattr(b, "__notes__", nb);
    return na.is(nb) && same_list(x->traceback, y->traceback) && x->cause.is(y->cause) &&
           x->context.is(y->context);
}

}  // namespace

bool star_match(const Value& handled, const Value& types, Value& match, Value& rest) {
    check_star_type(types);
    match = Value();
    rest = handled;
    if (handled.is_none()) return false;
    Matcher m;
    m.types = types;
    if (m(handled)) {
        match = is_group(handled) ? handled : wrap(handled);
        rest = Value();
        return true;
    }
    if (!is_group(handled)) return false;
    Value pair = call_method(handled, "split", {types});
    match = pair.as<Tuple>()->items.at(0);
    rest = pair.as<Tuple>()->items.at(1);
    return !match.is_none();
}

Value star_reraise(const Value& orig, const std::vector<Value>& excs) {
    if (!is_group(orig)) {
        // a naked exception: at most one clause ran, so there is at most one to raise
        return excs.empty() ? Value() : excs[0];
    }
    std::vector<Value> raised, reraised;
    for (auto& e : excs) {
        if (e.is_none()) continue;
        (same_metadata(e, orig) ? reraised : raised).push_back(e);
    }
    std::set<const Object*> ids;
    for (auto& e : reraised) leaf_ids(e, ids);
    Value kept, unused;
    if (!ids.empty()) {
        Matcher m;
        m.ids = &ids;
        split_into(orig, m, false, kept, unused);
    }
    if (raised.empty()) return kept;
    if (!kept.is_none()) raised.push_back(kept);
    if (raised.size() == 1) return raised[0];  // one exception leaves as it is
    return call(Value(&exc::BaseExceptionGroup), {new_str(""), new_list(std::move(raised))});
}

namespace detail {
void init_exception_group_methods() {
    def_method(exc::BaseExceptionGroup, "split", m_split);
    def_method(exc::BaseExceptionGroup, "subgroup", m_subgroup);
    def_method(exc::BaseExceptionGroup, "derive", m_derive);
}
}  // namespace detail

}  // namespace aio::py
