// Where recipes' store and file steps keep their data: one key-value database (aio/store.hpp)
// and a folder of files (aio/files.hpp), both under the sandbox's storage folder, shared by every
// recipe a session runs. They persist: a second run (a page reload, another CLI run on the same
// folder) sees what earlier runs wrote. Layout: DIR/store.db (natively and in Node the store's
// log file, in a browser the IndexedDB database of that name) and DIR/files/NAME.
#pragma once

#include "aio/lock.hpp"
#include "aio/store.hpp"

#include <string>

namespace aio::sandbox {

class storage {
public:
    static constexpr const char* store_name = "recipes";  // the database's one object store

    explicit storage(std::string dir) : dir_(std::move(dir)) {}
    const std::string& dir() const { return dir_; }

    // The database, opened on first use (tasks asking at once wait for the one open). It is the
    // folder's owner: a second sandbox on the same folder gets store::locked_error naming it.
    aio::coro<aio::store::database> database();
    // DIR/files/NAME for a plain name (recipe.cpp checks it); opens the database first (its lock
    // makes this sandbox the folder's owner, for files too); creates the folder for writes;
    // refuses a symbolic link as the files folder or file.
    aio::coro<std::string> file_path(const std::string& name, bool for_write);

private:
    std::string dir_;
    aio::store::database db_;
    aio::lock opening_;
    bool files_dir_made_ = false;
};

}  // namespace aio::sandbox
