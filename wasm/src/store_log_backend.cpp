// The log backend (store_backend.hpp's open_log_store): the memory backend's tables, replayed
// from an append-only log file at open; a commit appends its record and syncs before it becomes
// visible, and compaction swaps in a snapshot. Also store::repair(). The file format is
// aio/detail/store_log.hpp; the file calls go through aio/detail/fsio.hpp.
#include "store_memory.hpp"

#include "aio/detail/fsio.hpp"
#include "aio/detail/store_log.hpp"
#include "aio/try_await.hpp"

#include <algorithm>

namespace aio::store {

namespace fsio = aio::detail::fsio;

namespace detail {

namespace {

std::string parent_dir(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// The owner lock of the log at `path` (locked_error if another handle has it).
coro<std::int64_t> take_lock(const std::string& path, executor* ex) {
    std::string lock_path = path + ".lock";
    fsio::lock_result held = co_await fsio::lock(lock_path, ex);
    if (held.handle < 0)
        throw locked_error("store '" + path + "' is in use: " + held.holder + " has it open (lock file '" + lock_path +
                           "'); one owner per store at a time");
    co_return held.handle;
}

// The whole file, or nullopt if it does not exist. A symbolic link is refused, not followed.
coro<std::optional<std::string>> read_log(const std::string& path, executor* ex) {
    std::string content;
    try {
        fsio::open_flags rflags;
        rflags.read = rflags.no_follow = true;
        auto f = co_await fsio::open(path, rflags, ex);
        auto read = co_await try_await([&]() -> coro<void> {
            std::string chunk;
            do {
                chunk = co_await fsio::read(f.handle, path, content.size(), std::max<std::size_t>(f.size, 1 << 16), ex);
                content += chunk;
            } while (!chunk.empty());
        }());
        co_await fsio::close(f.handle, path, ex);
        read.value();
    } catch (const files::file_not_found&) {
        co_return std::nullopt;
    }
    co_return content;
}

// Writes `content` to `path` (created or truncated) and makes it durable.
coro<void> write_durably(const std::string& path, const std::string& content, executor* ex) {
    fsio::open_flags wflags;
    wflags.write = wflags.create = wflags.truncate = wflags.no_follow = true;
    auto f = co_await fsio::open(path, wflags, ex);
    auto written = co_await try_await([&]() -> coro<void> {
        co_await fsio::write(f.handle, path, 0, content, ex);
        co_await fsio::sync(f.handle, path, ex);
    }());
    co_await fsio::close(f.handle, path, ex);
    written.value();
}

class log_backend final : public memory_backend {
public:
    log_backend(std::string path, open_options options) : path_(std::move(path)), options_(std::move(options)) {}
    ~log_backend() override { close_now(); }

    std::string_view name() const override { return "log"; }

    coro<void> prepare(const std::vector<write_op>& ops) override {
        if (broken_) throw io_error("store '" + path_ + "': an earlier write failed; reopen the database");
        std::string record = ops_record(ops);
        std::string failure;
        try {
            co_await fsio::write(handle_, path_, std::nullopt, record, options_.executor);
            co_await fsio::sync(handle_, path_, options_.executor);
        } catch (const files::error& e) {
            failure = e.what();
        }
        if (!failure.empty()) {
            // A partial record would hide every later one from the replay: cut it off again.
            bool restored = true;
            try {
                co_await fsio::truncate(path_, log_bytes_, options_.executor);
            } catch (const files::error&) {
                restored = false;
            }
            if (!restored) broken_ = true;
            throw io_error("store '" + path_ + "': commit failed: " + failure);
        }
        log_bytes_ += record.size();
        log_ops_ += ops.size();
    }

    coro<void> after_commit(store::stats& st) override {
        st.log_bytes = log_bytes_;
        st.log_ops = log_ops_;
        std::size_t live = 0;
        for (const auto& [n, m] : data_) live += m.size();
        if (log_ops_ <= options_.compact_min_ops || static_cast<double>(log_ops_) <= options_.compact_ratio * static_cast<double>(live))
            co_return;
        co_await compact(st);
    }

    coro<void> compact(store::stats& st) override {
        if (broken_) throw io_error("store '" + path_ + "': an earlier write failed; reopen the database");
        std::string content = std::string(log_magic) + snapshot_record(data_);
        std::string tmp = path_ + ".compact";
        std::string failure;
        try {
            co_await write_durably(tmp, content, options_.executor);
            // From here the snapshot is complete and durable: switching to it is one rename.
            co_await fsio::rename(tmp, path_, options_.executor);
            co_await fsio::sync_dir(parent_dir(path_), options_.executor);
            std::int64_t old = std::exchange(handle_, -1);
            co_await fsio::close(old, path_, options_.executor);
            fsio::open_flags aflags;
            aflags.append = aflags.create = aflags.no_follow = true;
            handle_ = (co_await fsio::open(path_, aflags, options_.executor)).handle;
        } catch (const files::error& e) {
            failure = e.what();
        }
        if (!failure.empty()) {
            if (handle_ < 0) broken_ = true;
            throw io_error("store '" + path_ + "': compaction failed: " + failure);
        }
        log_bytes_ = content.size();
        log_ops_ = 0;
        ++st.compactions;
        st.log_bytes = log_bytes_;
        st.log_ops = log_ops_;
    }

    coro<void> close() override {
        if (handle_ >= 0) {
            std::int64_t h = std::exchange(handle_, -1);
            co_await fsio::close(h, path_, options_.executor);
        }
        fsio::unlock(std::exchange(lock_, -1));
    }
    void close_now() noexcept override {
        if (handle_ >= 0) fsio::close_now(std::exchange(handle_, -1));
        fsio::unlock(std::exchange(lock_, -1));
    }

    // Takes the owner lock, reads and replays the log (creating it if missing), then opens it for
    // appending.
    coro<void> load(store::stats& st) {
        executor* ex = options_.executor;
        lock_ = co_await detail::take_lock(path_, ex);
        std::optional<std::string> existing = co_await detail::read_log(path_, ex);
        bool exists = existing.has_value();
        std::string content = existing ? std::move(*existing) : std::string();
        log_scan scan;
        if (exists) {
            try {
                scan = replay_log(content, data_);
            } catch (const corrupt_error&) {
                throw corrupt_error("'" + path_ + "' is not an aio store log (bad header)");
            }
            if (scan.damaged)
                throw damaged_error("store '" + path_ + "' is damaged at byte " + std::to_string(scan.good_bytes) +
                                        " (a record that fails its checksum, not a torn tail); the file is left as it is: "
                                        "store::repair() (aio-sandbox store repair DIR) keeps every intact record",
                                    scan.good_bytes);
        }
        if (!exists || scan.fresh) {
            co_await write_durably(path_, std::string(log_magic), ex);
            co_await fsio::sync_dir(parent_dir(path_), ex);
            content.assign(log_magic);
            scan.good_bytes = log_magic.size();
        }
        st.records_replayed += scan.records;
        log_ops_ = scan.ops;
        std::uint64_t good = scan.good_bytes;
        fsio::open_flags aflags;
        aflags.append = aflags.create = aflags.no_follow = true;
        if (good < content.size()) {
            st.bytes_discarded = content.size() - good;
            co_await fsio::truncate(path_, good, ex);
        }
        handle_ = (co_await fsio::open(path_, aflags, ex)).handle;
        if (good < content.size()) co_await fsio::sync(handle_, path_, ex);  // the cut is durable
        log_bytes_ = good;
        st.log_bytes = log_bytes_;
        st.log_ops = log_ops_;
    }

private:
    std::string path_;
    open_options options_;
    std::int64_t handle_ = -1;
    std::int64_t lock_ = -1;  // the owner lock on "<path>.lock"
    std::uint64_t log_bytes_ = 0;
    std::uint64_t log_ops_ = 0;
    bool broken_ = false;
};

}  // namespace

coro<std::unique_ptr<backend>> open_log_store(const std::string& path, const open_options& options, store::stats& st) {
    auto be = std::make_unique<log_backend>(path, options);
    std::string failure;
    try {
        co_await be->load(st);
    } catch (const files::error& e) {
        failure = e.what();
    }
    if (!failure.empty()) throw io_error("store '" + path + "': open failed: " + failure);
    co_return std::unique_ptr<backend>(std::move(be));
}

}  // namespace detail

coro<repair_result> repair(std::string path, aio::executor* ex) {
    repair_result out;
    std::int64_t lock = -1;
    std::string failure;
    try {
        lock = co_await detail::take_lock(path, ex);
        std::optional<std::string> content = co_await detail::read_log(path, ex);
        if (!content) fsio::throw_code("ENOENT", "open", path);
        detail::repair_scan scan = detail::repair_log(*content);
        out.records_kept = scan.kept;
        if (scan.content != *content) {
            // The damaged original first (durable), then the repaired log atomically over it.
            out.bytes_dropped = scan.dropped_bytes;
            for (std::size_t at : scan.damage) out.damage.push_back(at);
            out.backup = path + ".damaged";
            co_await detail::write_durably(out.backup, *content, ex);
            co_await detail::write_durably(path + ".repair", scan.content, ex);
            co_await fsio::rename(path + ".repair", path, ex);
            co_await fsio::sync_dir(detail::parent_dir(path), ex);
        }
    } catch (const files::error& e) {
        failure = e.what();
    } catch (...) {
        fsio::unlock(lock);
        throw;
    }
    fsio::unlock(lock);
    if (!failure.empty()) throw io_error("store '" + path + "': repair failed: " + failure);
    co_return out;
}

}  // namespace aio::store
