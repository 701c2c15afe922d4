#include "storage.hpp"

#include "aio/files.hpp"

namespace aio::sandbox {

aio::coro<aio::store::database> storage::database() {
    auto held = co_await opening_.scoped();
    if (!db_.valid()) {
        co_await aio::files::make_dirs(dir_);  // the log's folder (a no-op for IndexedDB's name)
        aio::store::open_options options;
        options.stores = {store_name};
        db_ = co_await aio::store::database::open(dir_ + "/store.db", options);
    }
    co_return db_;
}

aio::coro<std::string> storage::file_path(const std::string& name, bool for_write) {
    std::string folder = dir_ + "/files";
    if (for_write && !files_dir_made_) {
        co_await aio::files::make_dirs(folder);
        files_dir_made_ = true;
    }
    co_return folder + "/" + name;
}

}  // namespace aio::sandbox
