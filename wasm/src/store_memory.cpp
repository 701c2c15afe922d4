// The memory backend (store_memory.hpp): reads are ordered-map lookups and walks, a commit's
// ops are applied in place (nothing to make durable).
#include "store_memory.hpp"

namespace aio::store::detail {

namespace {

bool below_upper(const key& k, const key_range& r) {
    if (!r.upper) return true;
    auto c = k <=> *r.upper;
    return c < 0 || (c == 0 && !r.upper_open);
}

bool above_lower(const key& k, const key_range& r) {
    if (!r.lower) return true;
    auto c = k <=> *r.lower;
    return c > 0 || (c == 0 && !r.lower_open);
}

rows::const_iterator first(const rows& m, const key_range& r) {
    if (!r.lower) return m.begin();
    return r.lower_open ? m.upper_bound(*r.lower) : m.lower_bound(*r.lower);
}

std::vector<record> select_now(const rows& m, const query& q) {
    std::vector<record> out;
    const key_range& r = q.range;
    if (r.empty()) return out;
    auto full = [&] { return q.limit && out.size() >= q.limit; };
    if (!q.reverse) {
        for (auto it = first(m, r); it != m.end() && below_upper(it->first, r) && !full(); ++it)
            out.push_back({it->first, it->second});
    } else {
        auto it = !r.upper ? m.end() : r.upper_open ? m.lower_bound(*r.upper) : m.upper_bound(*r.upper);
        while (it != m.begin() && !full()) {
            --it;
            if (!above_lower(it->first, r)) break;
            out.push_back({it->first, it->second});
        }
    }
    return out;
}

}  // namespace

memory_backend::memory_backend(const std::vector<std::string>& stores) {
    for (const auto& s : stores) detail::apply(data_, {write_op::create, s});
}

std::vector<std::string> memory_backend::stores() const {
    std::vector<std::string> out;
    for (const auto& [n, m] : data_) out.push_back(n);
    return out;
}

const rows& memory_backend::table(const std::string& s) const {
    auto it = data_.find(s);
    if (it == data_.end()) throw no_store(s);
    return it->second;
}

coro<std::optional<json>> memory_backend::get(const std::string& s, const key& k) {
    const auto& m = table(s);
    auto it = m.find(k);
    if (it == m.end()) co_return std::nullopt;
    co_return it->second;
}

coro<std::vector<record>> memory_backend::select(const std::string& s, const query& q) {
    co_return select_now(table(s), q);
}

coro<std::size_t> memory_backend::count(const std::string& s, const key_range& r) {
    const auto& m = table(s);
    if (r.empty()) co_return 0;
    if (!r.lower && !r.upper) co_return m.size();
    std::size_t n = 0;
    for (auto it = first(m, r); it != m.end() && below_upper(it->first, r); ++it) ++n;
    co_return n;
}

coro<void> memory_backend::apply(const std::vector<write_op>& ops) {
    for (const auto& op : ops) detail::apply(data_, op);
    co_return;
}

}  // namespace aio::store::detail
