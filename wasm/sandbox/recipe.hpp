// Task recipes: how a sandbox user launches concurrent tasks without compiling C++. A recipe is
// a JSON document (data, never code) describing tasks as sequences of steps; it is validated as
// a whole before anything runs, and the interpreter (interpreter.hpp) runs it on the real
// runtime. The format is documented in web/recipe.md and web/recipe.schema.json.
#pragma once

#include "aio/http.hpp"
#include "messages.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aio::sandbox {

// Outside input that cannot be used: `where` names the bad part, `reason` says why.
class input_error : public std::invalid_argument {
public:
    input_error(std::string where, std::string reason)
        : std::invalid_argument(where + ": " + reason), where_(std::move(where)), reason_(std::move(reason)) {}
    const std::string& reason() const { return reason_; }

protected:
    const std::string& where() const { return where_; }

private:
    std::string where_;
    std::string reason_;
};

// A recipe that cannot run: `path` names the bad field (e.g. "$.main[2].sleep"), `reason` why
// (the English text of `message`, which the page renders in its own language).
class recipe_error : public input_error {
public:
    recipe_error(std::string path, message why) : input_error(std::move(path), why.text()), message_(std::move(why)) {}
    const std::string& path() const { return where(); }
    const struct message& message() const { return message_; }

private:
    struct message message_;
};

// A running recipe went past one of its limits; `limit` names it ("max_steps"), `message` says
// what happened (code "limit.NAME").
class limit_error : public std::runtime_error {
public:
    limit_error(std::string limit, struct message what)
        : std::runtime_error(what.text()), limit_(std::move(limit)), message_(std::move(what)) {}
    const std::string& limit() const { return limit_; }
    const struct message& message() const { return message_; }

private:
    std::string limit_;
    struct message message_;
};

// Keeps a hostile recipe from hanging or exhausting the page.
// Caps on what a session may set, whatever its limits say: nesting (parsed and run recursively)
// and the recipe's size (copied and parsed whole).
constexpr std::size_t hard_max_depth = 256;
constexpr std::size_t hard_max_recipe_bytes = 16 << 20;

struct limits {
    std::size_t max_tasks = 100'000;       // tasks created over the whole run
    std::size_t max_depth = 16;            // nesting of tasks and blocks
    std::size_t max_steps = 5'000'000;     // steps executed over the whole run
    std::size_t max_repeat = 1'000'000;    // one repeat's count
    double max_duration = 3600;            // loop seconds before the run is cancelled
    double max_cpu_ms = 2000;              // one blocking cpu / to_thread step
    std::size_t max_output_lines = 10'000;
    std::size_t max_recipe_bytes = 1 << 20;
    std::size_t max_queued_bytes = 16 << 20;  // bytes held by the items of all queues at once
    std::size_t max_live_tasks = 10'000;     // tasks of the recipe alive at once
    std::size_t max_http_body_bytes = 4 << 20;  // one http step's response body
    std::size_t max_value_bytes = 64 << 10;  // one store_put value (as JSON) or write_file text
    std::size_t max_written_bytes = 16 << 20;  // bytes store_put and write_file write over the run
};

// Where a recipe's HTTP steps may go (aio::http::allow_list patterns; nullopt: anywhere) and
// the base relative URLs ("/json") are joined to (the page's origin; empty: none allowed).
struct http_access {
    std::optional<std::vector<std::string>> allow;
    std::string base;
    bool simulate = false;  // origins off `allow` answered by aio::http's simulated network (a page's default)
    aio::http::recording record = aio::http::recording::off;  // recorded responses (browsers only)
};

// Where a recipe's store and file steps keep their data: a folder (natively and in Node a real
// directory, in a browser a folder of the virtual file system in IndexedDB). Empty: none, and
// recipes with such steps are rejected.
struct storage_access {
    std::string dir;
};

struct task_spec;

struct step {
    enum class op {
        sleep, print, cpu, to_thread, raise,                   // basics
        spawn, await_task, cancel,                            // named child tasks
        gather, wait, as_completed, wait_for, task_group,     // combinators over child tasks
        repeat,                                               // a loop
        acquire, release, with,                               // locks and semaphores
        set, clear, wait_event,                               // events
        put, get,                                             // queues
        http,                                                 // an HTTP request
        store_put, store_get, store_delete,                   // the sandbox's key-value store
        write_file, read_file,                                // files in the sandbox's folder
    };
    op kind{};
    std::string path;                    // where it came from, for runtime errors
    double seconds = 0;                  // sleep; timeout for wait/as_completed/wait_for
    bool has_timeout = false;
    double ms = 0;                       // cpu, to_thread
    std::string text;                    // print/raise text; resource or task name
    std::string value;                   // put; http: the method; store_put: the JSON value
    bool append = false;                 // write_file
    std::optional<std::string> http_body;  // http
    std::size_t times = 0;               // repeat
    bool return_exceptions = false;      // gather
    std::string return_when = "ALL_COMPLETED";  // wait
    std::vector<task_spec> tasks;        // spawn (one), gather, wait, as_completed, task_group, wait_for (one)
    std::vector<step> body;              // repeat, with
};

struct task_spec {
    std::string name;
    std::string path;
    std::vector<step> steps;
};

struct recipe {
    int version = 1;
    std::string title;
    std::vector<std::string> locks;
    std::map<std::string, long> semaphores;
    std::vector<std::string> events;
    std::map<std::string, long> queues;  // name -> maxsize (0 = unbounded)
    task_spec main;
    limits bounds;
    http_access http;
    storage_access storage;
    std::set<std::string> awaited;       // task names some await step refers to
};

// How deeply `text` nests JSON arrays and objects (brackets inside strings do not count): checked
// before parsing, since nlohmann's parser recurses.
std::size_t json_nesting(std::string_view text);

// Parses and validates everything before anything runs; throws recipe_error. An http step's
// literal URL must be on `http.allow` (after joining `http.base`); store and file steps need
// `storage.dir`.
recipe parse_recipe(std::string_view json, const limits& bounds = {}, const http_access& http = {},
                    const storage_access& storage = {});

const char* to_string(step::op kind);

}  // namespace aio::sandbox
