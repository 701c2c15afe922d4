#include "storage.hpp"

#include "aio/detail/fsio.hpp"
#include "aio/files.hpp"

namespace aio::sandbox {

aio::coro<aio::store::database> storage::database() {
    auto held = co_await opening_.scoped();
    if (!db_.valid()) {
        co_await aio::files::make_dirs(dir_);  // the log's folder (a no-op for IndexedDB's name)
        aio::store::open_options options;
        options.stores = {store_name};
        try {
            db_ = co_await aio::store::database::open(dir_ + "/store.db", options);
        } catch (const aio::store::locked_error& e) {
            // One owner per folder: a second sandbox (or CLI run) would lose the first one's writes.
            throw aio::store::locked_error("storage folder '" + dir_ + "' is in use by another sandbox (" + e.what() + ")");
        }
    }
    co_return db_;
}

aio::coro<std::string> storage::file_path(const std::string& name, bool for_write) {
    if (!db_.valid()) co_await database();  // the folder's owner lock (the store's), before any file is touched
    std::string folder = dir_ + "/files";
    if (for_write && !files_dir_made_) {
        co_await aio::files::make_dirs(folder);
        files_dir_made_ = true;
    }
    std::string path = folder + "/" + name;
    // Confined to the folder: a symbolic link there (to the files folder or a file) is refused.
    const std::string checks[] = {folder, path};
    for (const std::string& p : checks)
        if (co_await aio::detail::fsio::is_link(p)) aio::detail::fsio::refuse_link(for_write ? "write" : "read", p);
    co_return path;
}

}  // namespace aio::sandbox
