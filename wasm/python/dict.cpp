// The insertion-ordered hash table, dict and its views.
#include "python/detail.hpp"

namespace aio::py {

using namespace detail;

namespace {
constexpr std::int32_t empty_slot = -1;

bool keys_equal(const Value& a, const Value& b) {
    if (a.is(b)) return true;
    // Two exact strs (names: globals, attributes, keywords) compare their bytes: no general ==.
    if (a.is_object() && b.is_object() && a.obj()->type == &str_type && b.obj()->type == &str_type)
        return static_cast<const Str*>(a.obj())->s == static_cast<const Str*>(b.obj())->s;
    return eq(a, b);
}
}  // namespace

HashTable::Entry* HashTable::find(const Value& key, std::int64_t h) {
    if (index.empty()) return nullptr;
    std::size_t mask = index.size() - 1;
    auto perturb = static_cast<std::uint64_t>(h);
    std::size_t i = static_cast<std::size_t>(perturb) & mask;
    for (;;) {
        std::int32_t slot = index[i];
        if (slot == empty_slot) return nullptr;
        Entry& e = entries[static_cast<std::size_t>(slot)];
        if (e.live && e.hash == h && keys_equal(e.key, key)) return &e;
        perturb >>= 5;
        i = (i * 5 + 1 + static_cast<std::size_t>(perturb)) & mask;
    }
}

HashTable::Entry* HashTable::find(const Value& key) { return find(key, hash(key)); }

bool HashTable::insert(const Value& key, Value value) { return insert(key, hash(key), std::move(value)); }

bool HashTable::insert(const Value& key, std::int64_t h, Value value) {
    if (Entry* e = find(key, h)) {
        e->value = std::move(value);
        return false;
    }
    // Dead entries keep their index slot, so the index fills with entries.size().
    if ((entries.size() + 1) * 3 >= index.size() * 2) rebuild(std::max<std::size_t>(8, (used + 1) * 3));
    entries.push_back({key, std::move(value), h, true});
    std::size_t mask = index.size() - 1;
    auto perturb = static_cast<std::uint64_t>(h);
    std::size_t i = static_cast<std::size_t>(perturb) & mask;
    while (index[i] != empty_slot) {
        perturb >>= 5;
        i = (i * 5 + 1 + static_cast<std::size_t>(perturb)) & mask;
    }
    index[i] = static_cast<std::int32_t>(entries.size() - 1);
    ++used;
    ++version;
    return true;
}

bool HashTable::remove(const Value& key, Value* removed_value) {
    Entry* e = find(key);
    if (!e) return false;
    e->live = false;
    if (removed_value) *removed_value = std::move(e->value);
    e->key = Value();
    e->value = Value();
    --used;
    ++version;
    if (used == 0) clear();
    return true;
}

void HashTable::clear() {
    entries.clear();
    index.clear();
    used = 0;
    ++version;
}

void HashTable::rebuild(std::size_t capacity) {
    std::vector<Entry> live;
    live.reserve(used + 1);
    for (auto& e : entries)
        if (e.live) live.push_back(std::move(e));
    entries = std::move(live);
    std::size_t size = 8;
    while (size < capacity) size <<= 1;
    index.assign(size, empty_slot);
    std::size_t mask = size - 1;
    for (std::size_t n = 0; n < entries.size(); ++n) {
        auto perturb = static_cast<std::uint64_t>(entries[n].hash);
        std::size_t i = static_cast<std::size_t>(perturb) & mask;
        while (index[i] != empty_slot) {
            perturb >>= 5;
            i = (i * 5 + 1 + static_cast<std::size_t>(perturb)) & mask;
        }
        index[i] = static_cast<std::int32_t>(n);
    }
}

namespace {

HashTable& table(const Value& self) { return self.as<Dict>()->table; }

Value m_get(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("dict.get", kw);
    check_args("dict.get", n - 1, 1, 2);
    auto* e = table(a[0]).find(a[1]);
    return e ? e->value : n == 3 ? a[2] : Value();
}

Value view(Type& t, const Value* a, std::size_t n, const Tuple* kw) {
    std::string name = "dict." + t.name.substr(5);
    no_kwargs(name.c_str(), kw);
    check_args(name.c_str(), n - 1, 0, 0);
    return Value(new DictView(&t, a[0]));
}
Value m_keys(const Value* a, std::size_t n, const Tuple* kw) { return view(dict_keys_type, a, n, kw); }
Value m_values(const Value* a, std::size_t n, const Tuple* kw) { return view(dict_values_type, a, n, kw); }
Value m_items(const Value* a, std::size_t n, const Tuple* kw) { return view(dict_items_type, a, n, kw); }

void update_from(HashTable& t, const Value& src) {
    if (is(src, Kind::dict)) {
        std::vector<HashTable::Entry> copy;
        src.as<Dict>()->table.each([&](const HashTable::Entry& e) { copy.push_back(e); });
        for (auto& e : copy) t.insert(e.key, e.hash, e.value);
        return;
    }
    if (src.is_object() && type_of(src).lookup("keys")) {  // a mapping: keys(), then src[key]
        std::vector<Value> keys;
        for_each(call_method(src, "keys", {}), [&](const Value& k) { keys.push_back(k); });
        for (const Value& k : keys) t.insert(k, getitem(src, k));
        return;
    }
    std::size_t i = 0;
    for_each(src, [&](const Value& item) {
        std::vector<Value> pair;
        Kind k = kind_of(item);
        if (k != Kind::list && k != Kind::tuple && k != Kind::str && k != Kind::iterator && k != Kind::dict_view)
            raise(exc::TypeError, "cannot convert dictionary update sequence element #" + std::to_string(i) +
                                      " to a sequence");
        pair = to_vector(item);
        if (pair.size() != 2)
            raise(exc::ValueError, "dictionary update sequence element #" + std::to_string(i) +
                                       " has length " + std::to_string(pair.size()) + "; 2 is required");
        t.insert(pair[0], pair[1]);
        ++i;
    });
}

Value m_update(const Value* a, std::size_t n, const Tuple* kw) {
    check_args("dict.update", n - 1, 0, 1);
    auto& t = table(a[0]);
    if (n == 2) update_from(t, a[1]);
    if (kw)
        for (std::size_t i = 0; i < kw->items.size(); ++i) t.insert(kw->items[i], a[n + i]);
    return Value();
}

Value m_setdefault(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("dict.setdefault", kw);
    check_args("dict.setdefault", n - 1, 1, 2);
    auto& t = table(a[0]);
    if (auto* e = t.find(a[1])) return e->value;
    Value d = n == 3 ? a[2] : Value();
    t.insert(a[1], d);
    return d;
}

Value m_pop(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("dict.pop", kw);
    check_args("dict.pop", n - 1, 1, 2);
    Value out;
    if (table(a[0]).remove(a[1], &out)) return out;
    if (n == 3) return a[2];
    raise(new_exception(exc::KeyError, {a[1]}));
}

Value m_popitem(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("dict.popitem", kw);
    check_args("dict.popitem", n - 1, 0, 0);
    auto& t = table(a[0]);
    for (auto it = t.entries.rbegin(); it != t.entries.rend(); ++it)
        if (it->live) {
            Value pair = new_tuple({it->key, it->value});
            Value key = it->key;
            t.remove(key);
            return pair;
        }
    raise(new_exception(exc::KeyError, {new_str("popitem(): dictionary is empty")}));
}

Value m_copy(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("dict.copy", kw);
    check_args("dict.copy", n - 1, 0, 0);
    Value d = new_dict();
    update_from(table(d), a[0]);
    return d;
}

Value m_clear(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("dict.clear", kw);
    check_args("dict.clear", n - 1, 0, 0);
    table(a[0]).clear();
    return Value();
}

Value m_fromkeys(const Value* a, std::size_t n, const Tuple* kw) {
    no_kwargs("dict.fromkeys", kw);
    // Called on the class (dict.fromkeys) or an instance: a[0] is whichever.
    check_args("dict.fromkeys", n - 1, 1, 2);
    Value d = new_dict();
    Value v = n == 3 ? a[2] : Value();
    for_each(a[1], [&](const Value& k) { table(d).insert(k, v); });
    return d;
}

}  // namespace

namespace detail {
void init_dict_methods() {
    def_method(dict_type, "get", m_get);
    def_method(dict_type, "keys", m_keys);
    def_method(dict_type, "values", m_values);
    def_method(dict_type, "items", m_items);
    def_method(dict_type, "update", m_update);
    def_method(dict_type, "setdefault", m_setdefault);
    def_method(dict_type, "pop", m_pop);
    def_method(dict_type, "popitem", m_popitem);
    def_method(dict_type, "copy", m_copy);
    def_method(dict_type, "clear", m_clear);
    // A class method: dict.fromkeys(...) must not bind the type as self.
    dict_type.set_attr("fromkeys", Value(new NativeFunction("fromkeys", [](const Value* a, std::size_t n, const Tuple* kw) {
        std::vector<Value> args(a, a + n);
        args.insert(args.begin(), Value(&dict_type));
        return m_fromkeys(args.data(), args.size(), kw);
    })));
}
}  // namespace detail

}  // namespace aio::py
