// The sandbox session: one event loop (host-driven in wasm) that runs catalog examples and task
// recipes side by side, and lets a JS front end watch and steer it. All scheduling stays here in
// C++; JS only asks (run, spawn, cancel, pause, step, resume, speed) and watches (a batched event
// stream and snapshots). bindings.cpp exposes it to JS with Embind; web/ wraps that as a package.
//
// The event stream is a flat array of records of `record_size` doubles each:
//   [kind, tick, time_ns, task, other, wait, result, num, text]
// kind < 32 is an aio::trace_kind (other/wait/result/num as in trace.hpp; num = deadline_ns for
// timers and suspensions, value otherwise); kinds >= 32 are the session's own (stream_kind).
// text is an index into the string table (strings are sent once, in the batch that first uses
// them; at max_interned strings the table starts afresh, indexes going on), -1 for none. Records accumulate and go out in one batch per host slice or API call.
#pragma once

#include "interpreter.hpp"
#include "messages.hpp"
#include "recipe.hpp"
#include "share_link.hpp"

#include "aio/aio.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aio_examples {
struct example_info;
}

namespace aio::sandbox {

enum class stream_kind : std::uint8_t {
    output = 32,    // a printed line: task = printing task (0 if none), other = run id, text, num = flags:
                    // 2 a stderr line, 4 a program's last line that it did not end with a newline
    error = 33,     // the loop's exception handler (e.g. "Task exception was never retrieved")
    log = 34,       // the loop's log (slow steps in debug mode, to_thread fallback)
    run_done = 35,  // a run ended: task = run id, result = outcome, num = exit status, text = error
    deadlock = 36,  // the loop stalled with tasks waiting: text = the report as JSON
    task_label = 37,  // a lane named by its task's call (task_func('A', 1); C++: worker (Task-3)): task, text
    message = 38,     // a run's error as a message (messages.hpp), just before its run_done: task = run id,
                      // text = {"code": "limit.max_tasks", "params": {"max": "100"}} as JSON
};

struct session_options {
    aio::clock_kind clock = aio::clock_kind::virtual_time;
    std::optional<double> speed{};  // as aio::loop_options: default 1 (real), instant (virtual)
    bool attach_to_host = true;  // wasm: the host drives the loop; false: step() by hand (tests)
    bool paused = false;         // start paused
    limits bounds{};
    // HTTP from recipes and examples: the origins allowed (checked when a recipe is validated
    // and again for every request and redirect hop at run time) and the base of relative URLs.
    http_access http{};
    // Recipes' store and file steps: the folder their data lives in (storage.hpp); empty: none.
    storage_access storage{};
    std::string catalog_path;    // examples/catalog.json (titles, Python originals); optional
};

// A program in another language, run by a session as a run of its own (spawn_source): it writes
// through `write` (fd 1 or 2, any chunks: the session cuts lines) and `tasks` lists its live tasks
// (the run's, as the session tracks them); `label` names a task's lane. Its value is the exit status.
struct program_io {
    std::function<void(int fd, std::string_view text)> write;
    std::function<std::vector<aio::any_task>()> tasks;
    std::function<void(std::uint64_t task, std::string_view text)> label;  // a task_label record
};
using source_runner = std::function<aio::coro<int>(std::string source, std::string filename, program_io io)>;
// Makes a language available to every session of this module; the object that implements it
// registers it when it is linked in (python_session.cpp: "python"), so a lean module has none.
void register_language(std::string name, source_runner run);

struct step_result {
    bool ran = false;       // a tick ran (false: nothing was ready and no timer due)
    std::uint64_t tick = 0;
    double time = 0;
};

class session {
public:
    static constexpr std::size_t record_size = 9;

    explicit session(session_options options);
    ~session();
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    // The examples: registered ones with their parameters, merged with the catalog's texts (JSON).
    std::string examples_json() const;

    // Starts example `id` (std::invalid_argument: unknown example or parameter). Returns the run
    // id (the id of its root task); the run's end comes as a run_done record. A run that
    // deadlocks is cancelled and ends with the deadlock as its error.
    std::uint64_t run_example(const std::string& id, const std::map<std::string, std::string>& params);
    // Validates a whole recipe (recipe_error: path and reason) and starts it as a new root task in
    // the running loop. `as_run`: cancelled on a deadlock like run_example; otherwise the tasks
    // stay (the deadlock is reported) until cancelled or reset.
    std::uint64_t spawn_recipe(std::string_view json, bool as_run = false);
    // Starts a program's source in a registered language as a run (std::invalid_argument: the
    // language is not in this module; what the language's runner throws, e.g. one at a time).
    std::uint64_t spawn_source(std::string_view language, std::string source, std::string filename);
    bool cancel(std::uint64_t task_id, std::string_view message = {});
    // Decodes and validates a share link (share_link.hpp) against this build's runnable examples
    // and the session's limits; nothing runs. Throws share_link_error or recipe_error.
    std::optional<share_link> parse_share_link(std::string_view fragment) const;

    void pause();
    void resume();
    bool paused() const { return loop_->paused(); }
    step_result step();  // exactly one loop tick (use while paused)
    void set_speed(double speed);

    // The loop's state as JSON. `limit` caps each list (ready, timers, io, tasks; `counts` has
    // the full sizes), so a front end can poll it cheaply while 100,000 tasks run.
    std::string snapshot_json(std::size_t limit = static_cast<std::size_t>(-1)) const;
    bool deadlocked() const;

    // --- the event stream ---
    // Called with the pending records and the strings new since the last batch; reentrant calls
    // into the session from inside are fine (their records go out in a following batch).
    // `first_live`: strings below this index are never referenced again (the table was reset).
    using batch_handler = std::function<void(const std::vector<double>& records, const std::vector<std::string>& new_strings,
                                             std::size_t first_live)>;
    static constexpr std::size_t max_interned = 4096;  // strings the session remembers at once
    void set_batch_handler(batch_handler handler) { on_batch_ = std::move(handler); }
    // Checks for a deadlock, releases finished runs, and hands pending records to the handler.
    // Runs after every host slice; the bindings call it after every API call.
    void flush();

    aio::event_loop& loop() { return *loop_; }
    const session_options& options() const { return options_; }

private:
    struct run_record;
    void on_trace(const aio::trace_event& e);
    void label_unnamed(const aio::trace_event& e);
    void push(double kind, std::uint64_t task, std::uint64_t other, double wait, double result, double num,
              std::string_view text);
    double intern(std::string_view text);
    void output(std::uint64_t run, std::string_view line, int fd = 1, bool unterminated = false);
    std::vector<aio::any_task> tasks_of(std::uint64_t run) const;
    void check_deadlock();
    std::string deadlock_report() const;  // JSON
    message describe_wait(const aio::any_task& t) const;
    const interpreter::wait_note* note_of(std::uint64_t task) const;
    const interpreter* interpreter_of(std::uint64_t task) const;
    void add_call_stack(const aio::any_task& t, nlohmann::json& j) const;
    std::vector<std::uint64_t> blockers(const aio::any_task& t, std::optional<message>& terminal) const;
    void finish_run(run_record& run, const aio::any_task& t, int status);
    std::map<std::string, std::string> example_params(const aio_examples::example_info& info,
                                                      std::map<std::string, std::string> given) const;
    void abandon_run(run_record& run);
    std::optional<double> live_runs_origin() const;

    session_options options_;
    batch_handler on_batch_;
    std::vector<double> records_;
    std::vector<std::string> new_strings_;
    std::unordered_map<std::string, double> strings_;
    std::size_t next_string_ = 0;        // the next string's index
    std::size_t first_live_string_ = 0;  // the first index since the last reset
    std::map<std::uint64_t, std::uint64_t> parents_;  // live task -> parent task (0: none)
    std::map<std::uint64_t, std::uint64_t> run_of_;   // live task -> run id
    std::map<std::uint64_t, std::unique_ptr<run_record>> runs_;
    std::vector<std::uint64_t> finished_runs_;
    std::unique_ptr<storage> storage_;  // shared by the recipes (nullptr: no storage folder)
    std::set<std::uint64_t> abandoned_;  // tasks of runs ended while stuck in an await cycle
    bool deadlock_reported_ = false;
    bool flushing_ = false;
    // Last: destroyed first, while the runs its tasks refer to still exist.
    std::unique_ptr<aio::event_loop> loop_;
};

}  // namespace aio::sandbox
