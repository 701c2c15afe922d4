// The memory backend (store_backend.hpp's `backend`): each store's records in an ordered map.
// database::memory() uses it as it is; the log backend (store_log_backend.cpp) keeps its tables
// in one and makes each commit durable in its file first.
#pragma once

#include "store_backend.hpp"

namespace aio::store::detail {

class memory_backend : public backend {
public:
    explicit memory_backend(const std::vector<std::string>& stores = {});

    std::string_view name() const override { return "memory"; }
    std::vector<std::string> stores() const override;
    bool has_store(const std::string& s) const override { return data_.count(s) != 0; }
    coro<std::optional<json>> get(const std::string& s, const key& k) override;
    coro<std::vector<record>> select(const std::string& s, const query& q) override;
    coro<std::size_t> count(const std::string& s, const key_range& r) override;
    coro<void> prepare(const std::vector<write_op>&) override { co_return; }
    coro<void> apply(const std::vector<write_op>& ops) override;
    coro<void> close() override { co_return; }
    void close_now() noexcept override {}

protected:
    store_map data_;

private:
    const rows& table(const std::string& s) const;
};

}  // namespace aio::store::detail
