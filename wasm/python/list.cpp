// list and tuple methods; list.sort is stable and leaves the list unchanged when a comparison raises.
#include "python/detail.hpp"

#include <algorithm>

namespace aio::py {

using namespace detail;

namespace {

std::vector<Value>& items(const Value& self) { return self.as<List>()->items; }

const std::vector<Value>& seq_items(const Value& self) {
    return is(self, Kind::list) ? self.as<List>()->items : self.as<Tuple>()->items;
}

bool same_or_eq(const Value& a, const Value& b) { return (a.is_object() && a.is(b)) || eq(a, b); }

Value m_append(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.append", kw);
    check_args("list.append", n - 1, 1, 1);
    items(a[0]).push_back(a[1]);
    return Value();
}

Value m_extend(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.extend", kw);
    check_args("list.extend", n - 1, 1, 1);
    std::vector<Value> more = to_vector(a[1]);
    items(a[0]).insert(items(a[0]).end(), more.begin(), more.end());
    return Value();
}

Value m_insert(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.insert", kw);
    check_args("list.insert", n - 1, 2, 2);
    auto& v = items(a[0]);
    auto size = static_cast<std::int64_t>(v.size());
    std::int64_t i = as_integer(a[1]);
    if (i < 0) i = std::max<std::int64_t>(0, i + size);
    i = std::min(i, size);
    v.insert(v.begin() + i, a[2]);
    return Value();
}

Value m_pop(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.pop", kw);
    check_args("list.pop", n - 1, 0, 1);
    auto& v = items(a[0]);
    if (v.empty()) raise(exc::IndexError, "pop from empty list");
    std::int64_t i = static_cast<std::int64_t>(v.size()) - 1;
    if (n == 2) {
        i = wrap_index(as_integer(a[1]), static_cast<std::int64_t>(v.size()));
        if (i < 0) raise(exc::IndexError, "pop index out of range");
    }
    Value out = std::move(v[static_cast<std::size_t>(i)]);
    v.erase(v.begin() + i);
    return out;
}

Value m_remove(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.remove", kw);
    check_args("list.remove", n - 1, 1, 1);
    auto& v = items(a[0]);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (same_or_eq(v[i], a[1])) {
            v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
            return Value();
        }
    raise(exc::ValueError, "list.remove(x): x not in list");
}

Value m_index(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.index", kw);
    check_args("list.index", n - 1, 1, 3);
    auto& v = seq_items(a[0]);
    auto size = static_cast<std::int64_t>(v.size());
    auto bound = [&](std::size_t k, std::int64_t dflt) {
        if (n <= k) return dflt;
        std::int64_t i = to_index(a[k], "slice");
        if (i < 0) i = std::max<std::int64_t>(0, i + size);
        return std::min(i, size);
    };
    for (std::int64_t i = bound(2, 0), end = bound(3, size); i < end; ++i)
        if (same_or_eq(v[static_cast<std::size_t>(i)], a[1])) return Value::integer(i);
    if (is(a[0], Kind::tuple)) raise(exc::ValueError, "tuple.index(x): x not in tuple");
    raise(exc::ValueError, repr(a[1]) + " is not in list");
}

Value m_count(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.count", kw);
    check_args("list.count", n - 1, 1, 1);
    std::int64_t c = 0;
    for (auto& x : seq_items(a[0])) c += same_or_eq(x, a[1]);
    return Value::integer(c);
}

Value m_reverse(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.reverse", kw);
    check_args("list.reverse", n - 1, 0, 0);
    std::reverse(items(a[0]).begin(), items(a[0]).end());
    return Value();
}

Value m_copy(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.copy", kw);
    check_args("list.copy", n - 1, 0, 0);
    return new_list(items(a[0]));
}

Value m_clear(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("list.clear", kw);
    check_args("list.clear", n - 1, 0, 0);
    items(a[0]).clear();
    return Value();
}

Value m_sort(const Value* a, std::size_t n, const Tuple* kw) {
    if (n > 1) raise(exc::TypeError, "sort() takes no positional arguments");
    only_kwargs("sort", kw, {"key", "reverse"});
    const Value* key = kwarg(a, n, kw, "key");
    const Value* rev = kwarg(a, n, kw, "reverse");
    bool reverse = rev && truthy(*rev);
    // Sort a copy of (key, value) pairs: a raising comparison leaves the list as it was.
    std::vector<Value> values = items(a[0]);
    std::vector<Value> keys;
    if (key && !key->is_none()) {
        keys.reserve(values.size());
        for (auto& v : values) keys.push_back(call(*key, {v}));
    }
    const std::vector<Value>& k = keys.empty() && !values.empty() ? values : keys;
    std::vector<std::size_t> order(values.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return reverse ? lt(k[y], k[x]) : lt(k[x], k[y]);
    });
    std::vector<Value> sorted;
    sorted.reserve(values.size());
    for (auto i : order) sorted.push_back(values[i]);
    items(a[0]) = std::move(sorted);
    return Value();
}

}  // namespace

namespace detail {
void init_list_methods() {
    def_method(list_type, "append", m_append);
    def_method(list_type, "extend", m_extend);
    def_method(list_type, "insert", m_insert);
    def_method(list_type, "pop", m_pop);
    def_method(list_type, "remove", m_remove);
    def_method(list_type, "index", m_index);
    def_method(list_type, "count", m_count);
    def_method(list_type, "reverse", m_reverse);
    def_method(list_type, "copy", m_copy);
    def_method(list_type, "clear", m_clear);
    def_method(list_type, "sort", m_sort);
    def_method(tuple_type, "index", m_index);
    def_method(tuple_type, "count", m_count);
}
}  // namespace detail

}  // namespace aio::py
