// The recipe steps that do I/O (http, store_put/get/delete, write_file/read_file) over aio::http,
// aio::store and aio::files. The widgets' modules link interpreter_no_io.cpp instead: the HTTP
// client, the store and files stay out of their download.
#include "interpreter.hpp"

#include "aio/files.hpp"
#include "aio/http.hpp"
#include "aio/store.hpp"
#include "utf8.hpp"

#include <stdexcept>
#include <string>

namespace aio::sandbox {

namespace {
// The request; a body over the limit fails the step with an error that names the limit.
aio::coro<aio::http::response> request_within_limit(const aio::http::client_session& session, const step& s,
                                                    aio::http::request_options options) {
    try {
        co_return co_await session.request(s.value, s.text, std::move(options));
    } catch (const aio::http::body_too_large_error& e) {
        throw std::runtime_error(std::string(e.what()) + " (limit max_http_body_bytes)");
    }
}

// A value or line (a file's bytes may be any) as one short output line of valid UTF-8, cut
// between characters.
std::string shortened(std::string_view text, std::size_t max = 80) {
    std::string clean = utf8::well_formed(text);
    if (clean.size() <= max) return clean;
    return std::string(utf8::clip(clean, max)) + "...";
}
}  // namespace

// One request through aio::http: the sandbox's loop carries the origin allow-list, which
// checks the final URL and every redirect hop at run time (aio::http::restrict_origins).
aio::coro<void> interpreter::http_step(const step& s, const task_spec& owner) {
    aio::http::session_options settings;
    settings.base_url = recipe_.http.base;
    settings.max_body_bytes = recipe_.bounds.max_http_body_bytes;  // memory: the body is kept whole
    aio::http::client_session session(std::move(settings));
    aio::http::request_options options;
    options.body = s.http_body;
    options.timeout = s.seconds;
    aio::http::response r = co_await request_within_limit(session, s, std::move(options));
    print(owner, s.value + " " + s.text + " -> " + std::to_string(r.status) + (r.reason.empty() ? "" : " " + r.reason) + " (" +
                     std::to_string(r.body.size()) + " bytes)");
}

void interpreter::count_written(std::size_t bytes) {
    if (written_bytes_ + bytes > recipe_.bounds.max_written_bytes)
        exceeded("limit.max_written_bytes", std::to_string(recipe_.bounds.max_written_bytes));
    written_bytes_ += bytes;
}

// One operation on the sandbox's key-value store (storage.hpp): a transaction of its own.
aio::coro<void> interpreter::store_step(const step& s, const task_spec& owner) {
    if (!data_) throw std::runtime_error(s.path + ": the sandbox has no storage folder");
    if (s.kind == step::op::store_put) count_written(s.value.size());
    wait_scope note(*this, "store", s.text);
    aio::store::database db = co_await data_->database();
    // Named first: g++ 12 mishandles converted temporaries in a co_await expression (store.hpp).
    std::string table = storage::store_name;
    aio::store::key key(s.text);
    if (s.kind == step::op::store_put) {
        auto value = aio::store::json::parse(s.value);
        co_await db.put(table, key, std::move(value));
        print(owner, "store_put " + s.text + " <- " + shortened(s.value));
    } else if (s.kind == step::op::store_get) {
        std::optional<aio::store::json> value = co_await db.get(table, key);
        print(owner, "store_get " + s.text + " -> " + (value ? shortened(value->dump()) : std::string("(none)")));
    } else {
        co_await db.del(table, key);
        print(owner, "store_delete " + s.text);
    }
}

// write_file / read_file in the sandbox's folder; a missing file raises aio::files' typed error.
aio::coro<void> interpreter::file_step(const step& s, const task_spec& owner) {
    if (!data_) throw std::runtime_error(s.path + ": the sandbox has no storage folder");
    bool writing = s.kind == step::op::write_file;
    if (writing) count_written(s.value.size());
    wait_scope note(*this, "file", s.text);
    std::string path = co_await data_->file_path(s.text, writing);
    if (writing) {
        if (s.append) {
            co_await aio::files::append_text(path, s.value);
        } else {
            co_await aio::files::write_text(path, s.value);
        }
        print(owner, "write_file " + s.text + " (" + std::to_string(s.value.size()) + " bytes " + (s.append ? "appended" : "written") + ")");
        co_return;
    }
    // Size and first line only: a read never pulls a whole large file into the recipe.
    aio::files::file f = co_await aio::files::open(path, "r");
    std::string head = co_await f.read(4096);
    co_await f.close();
    aio::files::stat_result st = co_await aio::files::stat(path);
    std::string first = head.substr(0, head.find('\n'));
    print(owner, "read_file " + s.text + " -> " + std::to_string(st.size) + " bytes, first line '" + shortened(first) + "'");
}

}  // namespace aio::sandbox
