#include "session.hpp"

#include "line_splitter.hpp"
#include "lib/example.hpp"

#include "aio/detail/read_file.hpp"
#include "aio/http.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_set>

namespace aio::sandbox {

using json = nlohmann::json;

struct session::run_record {
    std::uint64_t id = 0;
    std::string kind;  // example | recipe
    std::string name;
    bool as_run = true;  // cancelled when the loop deadlocks
    bool done = false;
    std::string deadlock;  // set when cancelled because of a deadlock
    std::unique_ptr<aio_examples::context> ctx;
    std::unique_ptr<recipe> rec;
    std::unique_ptr<interpreter> in;
    aio::any_task root;
};

session::session(session_options options) : options_(std::move(options)) {
    aio::loop_options lo;
    lo.clock = options_.clock;
    lo.speed = options_.speed;
    // Every event of a host slice is then decoded and drawn by JS, at several times its C++ cost:
    // shorter slices than the runtime's default keep each host task (slice + JS) far below the
    // 50 ms that makes a page janky, also with 100,000 tasks.
    lo.host_slice_ms = 2.0;
    loop_ = std::make_unique<aio::event_loop>(lo);
    loop_->set_trace([this](const aio::trace_event& e) { on_trace(e); });
    loop_->set_exception_handler([this](const aio::error_context& c) {
        std::string text = c.message;
        if (!c.task_name.empty()) text += " (task " + c.task_name + ")";
        if (c.exception) text += ": " + aio::describe(c.exception);
        push(static_cast<double>(stream_kind::error), c.task_id, 0, 0, 0, 0, text);
    });
    loop_->set_log_handler([this](std::string_view text) {
        auto t = aio::detail::this_thread.current_task;
        push(static_cast<double>(stream_kind::log), t ? t->id() : 0, 0, 0, 0, 0, text);
    });
    if (options_.http.allow) {
        std::optional<aio::http::allow_list> list;
        try {
            list.emplace(*options_.http.allow);
        } catch (const std::invalid_argument&) {
            list.emplace();  // a bad pattern allows nothing rather than everything
        }
        aio::http::restrict_origins(*loop_, std::move(list));
        aio::http::simulate_network(*loop_, options_.http.simulate);
    }
    if (options_.http.record != aio::http::recording::off) aio::http::record_responses(*loop_, options_.http.record);
    if (!options_.storage.dir.empty()) storage_ = std::make_unique<storage>(options_.storage.dir);
    if (options_.paused) loop_->set_paused(true);
    if (options_.attach_to_host) {
        loop_->set_host_idle_handler([this] { flush(); });
        loop_->attach_to_host();
    }
}

session::~session() {
    loop_->set_trace(nullptr);
    loop_->set_host_idle_handler(nullptr);
    loop_->detach_from_host();
    on_batch_ = nullptr;
    aio::http::restrict_origins(*loop_, std::nullopt);
    aio::http::simulate_network(*loop_, false);
    aio::http::record_responses(*loop_, aio::http::recording::off);
    // The loop goes first (it destroys the frames of unfinished tasks, which still refer to the
    // runs' interpreters and contexts), then the runs.
    loop_.reset();
    runs_.clear();
}

// ---------------------------------------------------------------- the stream

double session::intern(std::string_view text) {
    auto it = strings_.find(std::string(text));
    if (it != strings_.end()) return it->second;
    // Every unique output line is a string: a long-lived session forgets them all at a cap (a
    // string used again is sent again under a new index; indexes only grow).
    if (strings_.size() >= max_interned) {
        strings_.clear();
        first_live_string_ = next_string_;
    }
    double index = static_cast<double>(next_string_++);
    strings_.emplace(std::string(text), index);
    new_strings_.emplace_back(text);
    return index;
}

void session::push(double kind, std::uint64_t task, std::uint64_t other, double wait, double result, double num,
                   std::string_view text) {
    double text_id = text.empty() ? -1 : intern(text);
    records_.insert(records_.end(), {kind, static_cast<double>(loop_->ticks()), static_cast<double>(loop_->now_ns()),
                                     static_cast<double>(task), static_cast<double>(other), wait, result, num, text_id});
}

void session::on_trace(const aio::trace_event& e) {
    double num = static_cast<double>(e.value);
    if (e.kind == aio::trace_kind::timer_armed || e.kind == aio::trace_kind::timer_fired ||
        e.kind == aio::trace_kind::timer_cancelled || e.kind == aio::trace_kind::task_suspended)
        num = static_cast<double>(e.deadline_ns);
    if (e.kind == aio::trace_kind::task_created) {
        parents_[e.task_id] = e.other_id;
        if (auto it = run_of_.find(e.other_id); it != run_of_.end()) run_of_[e.task_id] = it->second;
    } else if (e.kind == aio::trace_kind::task_finished) {
        parents_.erase(e.task_id);
        run_of_.erase(e.task_id);
        abandoned_.erase(e.task_id);
    }
    std::string_view text = e.text;
    std::string annotated;
    if (e.kind == aio::trace_kind::task_suspended) {
        // The runtime's label is generic ("lock"); a recipe knows which one.
        if (const auto* note = note_of(e.task_id)) {
            annotated = note->kind + " '" + note->name + "'";
            text = annotated;
        }
    }
    records_.insert(records_.end(),
                    {static_cast<double>(e.kind), static_cast<double>(e.tick), static_cast<double>(e.time_ns),
                     static_cast<double>(e.task_id), static_cast<double>(e.other_id), static_cast<double>(e.wait),
                     static_cast<double>(e.result), num, text.empty() ? -1.0 : intern(text)});
    if (e.kind == aio::trace_kind::task_created) label_unnamed(e);
}

// A C++ example's task created without a name gets a lane label naming its coroutine, as asyncio's
// repr does (coro=<worker()>): "worker (Task-3)". The task keeps its name (what the program prints).
// Python programs label their own lanes (program_io::label); a recipe's coroutines mean nothing
// to its reader, nor does a lambda's operator().
void session::label_unnamed(const aio::trace_event& e) {
    auto run = run_of_.find(e.task_id);
    if (run == run_of_.end()) return;
    if (auto r = runs_.find(run->second); r == runs_.end() || r->second->kind != "example") return;
    if (e.text != "Task-" + std::to_string(e.task_id)) return;  // it was given a name
    // The loop lists its newest task first: the one being created (checked, not assumed).
    auto newest = loop_->all_tasks(1);
    if (newest.empty() || newest[0].id() != e.task_id) return;
    auto frames = aio::call_stack(newest[0]);  // the root frame first
    if (frames.empty() || frames[0].function.empty() || frames[0].function == "operator()") return;
    push(static_cast<double>(stream_kind::task_label), e.task_id, 0, 0, 0, 0,
         std::string(frames[0].function) + " (" + std::string(e.text) + ")");
}

void session::output(std::uint64_t run, std::string_view line, int fd, bool unterminated) {
    auto t = aio::detail::this_thread.current_task;
    push(static_cast<double>(stream_kind::output), t ? t->id() : 0, run, 0, 0, (fd == 2 ? 2 : 0) | (unterminated ? 4 : 0), line);
}

void session::flush() {
    check_deadlock();
    std::erase_if(finished_runs_, [this](std::uint64_t id) {
        for (const auto& [task, run] : run_of_)
            if (run == id) return false;  // its leftovers are still finishing
        runs_.erase(id);
        return true;
    });
    if (flushing_) return;
    flushing_ = true;
    struct reset {
        bool& flag;
        ~reset() { flag = false; }
    } reset_flushing{flushing_};
    while (!records_.empty()) {
        std::vector<double> records = std::exchange(records_, {});
        std::vector<std::string> strings = std::exchange(new_strings_, {});
        if (on_batch_) on_batch_(records, strings, first_live_string_);
    }
}

// ---------------------------------------------------------------- runs

void session::finish_run(run_record& run, const aio::any_task& t, int status) {
    if (run.done) return;  // ended already (abandon_run)
    run.done = true;
    double result = static_cast<double>(aio::outcome::value);
    std::string error;
    if (t.cancelled()) {
        result = static_cast<double>(aio::outcome::cancelled);
        error = run.deadlock.empty() ? "cancelled" : run.deadlock;
        if (!run.deadlock.empty()) result = static_cast<double>(aio::outcome::exception);
    } else if (auto e = t.exception()) {
        result = static_cast<double>(aio::outcome::exception);
        error = aio::describe(e);
        try {
            std::rethrow_exception(e);
        } catch (const limit_error& limit) {
            push(static_cast<double>(stream_kind::message), run.id, 0, 0, 0, 0, limit.message().to_json().dump());
        } catch (...) {
        }
    }
    push(static_cast<double>(stream_kind::run_done), run.id, 0, 0, result, status, error);
    // Tasks it left running are cancelled (as aio::run does); the record goes once they are gone.
    for (auto& task : loop_->all_tasks()) {
        auto it = run_of_.find(task.id());
        if (it != run_of_.end() && it->second == run.id && task.id() != run.id) task.cancel();
    }
    finished_runs_.push_back(run.id);
}

namespace {

param_check check_of(const aio_examples::param_spec& p) {
    switch (p.kind) {
    case aio_examples::param_kind::count: return param_check::count;
    case aio_examples::param_kind::path: return param_check::path;
    case aio_examples::param_kind::automatic: break;
    }
    return is_number(p.default_value) ? param_check::number : param_check::text;
}

}  // namespace

// The values an example runs with: the given ones checked against the session's limits, and
// every path (given or default) moved into the storage folder.
std::map<std::string, std::string> session::example_params(const aio_examples::example_info& info,
                                                           std::map<std::string, std::string> given) const {
    for (const auto& entry : given) {
        const std::string& name = entry.first;
        const std::string& value = entry.second;
        auto p = std::find_if(info.params.begin(), info.params.end(), [&](const auto& s) { return s.name == name; });
        if (p == info.params.end()) throw std::invalid_argument("example '" + info.id + "' has no parameter '" + name + "'");
        if (auto problem = param_problem(check_of(*p), value, options_.bounds); !problem.empty())
            throw std::invalid_argument("parameter '" + name + "' of example '" + info.id + "' " + problem);
    }
    for (const auto& p : info.params) {
        if (p.kind != aio_examples::param_kind::path) continue;
        if (options_.storage.dir.empty())
            throw std::invalid_argument("example '" + info.id + "' writes files, which live in the sandbox's storage "
                                        "folder: this sandbox has none (storage.dir)");
        auto it = given.find(p.name);
        given[p.name] = confined_path(options_.storage, it != given.end() ? it->second : p.default_value);
    }
    return given;
}

std::uint64_t session::run_example(const std::string& id, const std::map<std::string, std::string>& given) {
    const auto* info = aio_examples::find(id);
    if (!info) {
        std::string names;
        for (const auto* e : aio_examples::catalog()) names += (names.empty() ? "" : ", ") + e->id;
        throw std::invalid_argument("no example '" + id + "' (the examples are: " + names + ")");
    }
    auto params = example_params(*info, given);
    auto run = std::make_unique<run_record>();
    run->kind = "example";
    run->name = id;
    auto* r = run.get();
    aio::loop_options lo;
    lo.clock = options_.clock;
    lo.speed = options_.speed;
    if (!info->main) {
        // It makes its own loops, which must not run inside this one: it runs to completion now,
        // on the virtual clock (a real-clock run would block the page for its whole duration).
        lo.clock = aio::clock_kind::virtual_time;
        lo.speed.reset();  // instant: a paced self-driven loop would block the page
        r->id = loop_->next_task_id();
        r->ctx = std::make_unique<aio_examples::context>(*info, params, lo,
                                                         [this, r](std::string_view line) { output(r->id, line); });
        int status = 1;
        auto* saved = std::exchange(aio::detail::this_thread.running_loop, nullptr);
        auto* saved_task = std::exchange(aio::detail::this_thread.current_task, nullptr);
        try {
            info->sync_main(*r->ctx);
            status = 0;
        } catch (const std::exception& e) {
            r->ctx->print(std::string("error: ") + e.what());
        } catch (const aio::base_exception& e) {
            r->ctx->print(std::string("error: ") + e.what());
        }
        aio::detail::this_thread.running_loop = saved;
        aio::detail::this_thread.current_task = saved_task;
        r->done = true;
        push(static_cast<double>(stream_kind::run_done), r->id, 0, 0, static_cast<double>(aio::outcome::value), status, {});
        runs_[r->id] = std::move(run);
        finished_runs_.push_back(r->id);
        return r->id;
    }
    r->ctx = std::make_unique<aio_examples::context>(*info, params, lo,
                                                     [this, r](std::string_view line) { output(r->id, line); });
    auto t = loop_->create_task(aio_examples::run_async(*info, *r->ctx), id);
    r->id = t.id();
    r->root = t;
    run_of_[r->id] = r->id;
    runs_[r->id] = std::move(run);
    t.add_done_callback([this, r](const aio::task<int>& done) {
        int status = 1;
        if (!done.cancelled() && !done.exception()) status = done.result();
        finish_run(*r, done, status);
    });
    return r->id;
}

std::uint64_t session::spawn_recipe(std::string_view text, bool as_run) {
    auto run = std::make_unique<run_record>();
    run->rec = std::make_unique<recipe>(parse_recipe(text, options_.bounds, options_.http, options_.storage));
    run->kind = "recipe";
    run->as_run = as_run;
    run->name = run->rec->title.empty() ? run->rec->main.name : run->rec->title;
    auto* r = run.get();
    r->in = std::make_unique<interpreter>(*r->rec, [this, r](std::string_view line) { output(r->id, line); }, storage_.get());
    if (auto origin = live_runs_origin()) r->in->stamp_from(*origin);
    auto t = loop_->create_task(r->in->run(), r->rec->main.name);
    r->id = t.id();
    r->root = t;
    run_of_[r->id] = r->id;
    runs_[r->id] = std::move(run);
    t.add_done_callback([this, r](const aio::task<void>& done) { finish_run(*r, done, done.cancelled() || done.exception() ? 1 : 0); });
    return r->id;
}

// Where the console's stamps count from while runs are live: the oldest live run's start (runs_ is
// keyed by root task id, so oldest first). One clock for every line in the console, however many
// recipes are launched into the loop later; nullopt when no run (that stamps) has started.
std::optional<double> session::live_runs_origin() const {
    for (const auto& [id, run] : runs_) {
        if (run->done) continue;
        if (run->in) {
            if (auto start = run->in->started_at()) return start;
        } else if (run->ctx) {
            return run->ctx->start();
        }
    }
    return std::nullopt;
}

namespace {
std::map<std::string, source_runner, std::less<>>& languages() {
    static std::map<std::string, source_runner, std::less<>> table;
    return table;
}
}  // namespace

void register_language(std::string name, source_runner run) { languages()[std::move(name)] = std::move(run); }

std::vector<aio::any_task> session::tasks_of(std::uint64_t run) const {
    std::vector<aio::any_task> out;
    for (auto& task : loop_->all_tasks()) {
        auto it = run_of_.find(task.id());
        if (it != run_of_.end() && it->second == run) out.push_back(task);
    }
    return out;
}

std::uint64_t session::spawn_source(std::string_view language, std::string source, std::string filename) {
    auto lang = languages().find(language);
    if (lang == languages().end())
        throw std::invalid_argument("this module cannot run " + std::string(language) + " programs");
    auto run = std::make_unique<run_record>();
    run->kind = std::string(language);
    run->name = filename;
    auto* r = run.get();
    // The program's writes cut into lines; what is left unfinished goes out when it ends.
    auto lines = std::make_shared<std::array<line_splitter, 2>>();
    program_io io;
    io.write = [this, r, lines](int fd, std::string_view text) {
        (*lines)[fd == 2 ? 1 : 0].add(text, [&](std::string_view line) { output(r->id, line, fd == 2 ? 2 : 1); });
    };
    io.tasks = [this, r] { return tasks_of(r->id); };
    io.label = [this](std::uint64_t task, std::string_view text) {
        push(static_cast<double>(stream_kind::task_label), task, 0, 0, 0, 0, text);
    };
    auto t = loop_->create_task(lang->second(std::move(source), std::move(filename), io), r->name);
    r->id = t.id();
    r->root = t;
    run_of_[r->id] = r->id;
    runs_[r->id] = std::move(run);
    t.add_done_callback([this, r, lines](const aio::task<int>& done) {
        for (int fd : {1, 2})
            if (std::string rest = (*lines)[fd - 1].take_rest(); !rest.empty()) output(r->id, rest, fd, true);
        int status = 1;
        if (!done.cancelled() && !done.exception()) status = done.result();
        finish_run(*r, done, status);
    });
    return r->id;
}

bool session::cancel(std::uint64_t task_id, std::string_view message) {
    for (auto& t : loop_->all_tasks())
        if (t.id() == task_id) return t.cancel(message);
    return false;
}

std::optional<share_link> session::parse_share_link(std::string_view fragment) const {
    std::vector<linkable_example> examples;
    for (const auto* info : aio_examples::catalog()) {
        linkable_example e{info->id, {}};
        for (const auto& p : info->params) {
            e.params.push_back(p.name);
            e.checks.push_back(check_of(p));
        }
        examples.push_back(std::move(e));
    }
    return aio::sandbox::parse_share_link(fragment, examples, options_.bounds, options_.http, options_.storage);
}

// ---------------------------------------------------------------- stepping

void session::pause() { loop_->set_paused(true); }
void session::resume() { loop_->set_paused(false); }

step_result session::step() {
    step_result r;
    r.ran = loop_->run_once();
    r.tick = loop_->ticks();
    r.time = loop_->time();
    return r;
}

void session::set_speed(double speed) {
    loop_->set_speed(speed);  // std::invalid_argument for a speed this clock cannot take
    options_.speed = speed;
}

// ---------------------------------------------------------------- snapshot and deadlocks

const interpreter* session::interpreter_of(std::uint64_t task) const {
    auto run = run_of_.find(task);
    if (run == run_of_.end()) return nullptr;
    auto it = runs_.find(run->second);
    return it == runs_.end() ? nullptr : it->second->in.get();
}

const interpreter::wait_note* session::note_of(std::uint64_t task) const {
    const auto* in = interpreter_of(task);
    if (!in) return nullptr;
    const auto& waits = in->waits();
    auto w = waits.find(task);
    return w == waits.end() ? nullptr : &w->second;
}

message session::describe_wait(const aio::any_task& t) const {
    if (const auto* note = note_of(t.id())) {
        if (note->kind == "queue.get") return msg("wait.queue_get", {note->name});
        if (note->kind == "queue.put") return msg("wait.queue_put", {note->name});
        return msg("wait.resource", {note->kind, note->name});
    }
    auto w = aio::waiting_on(t);
    if (!w) return msg("wait.ready");
    // A task awaiting a task names it as recipes' notes do ("task 'worker'"), not by its id.
    if (w->task_id) return msg("wait.task", {w->task_name});
    return msg("wait.other", {w->label.empty() ? std::string_view(aio::to_string(w->kind)) : std::string_view(w->label)});
}

// The tasks that must move before `t` can: holders of the lock it wants, the task it awaits, or
// (gather / wait / task group) its live children. `terminal` explains a wait nobody can end.
std::vector<std::uint64_t> session::blockers(const aio::any_task& t, std::optional<message>& terminal) const {
    std::vector<std::uint64_t> ids;
    if (const auto* note = note_of(t.id())) {
        const auto& run = *runs_.at(run_of_.at(t.id()));
        if (note->kind == "lock" || note->kind == "semaphore") {
            for (const auto& r : run.in->resource_states())
                if (r.name == note->name) ids = r.holders;
            if (ids.empty()) terminal = msg("deadlock.lock_not_free");
        } else if (note->kind == "task") {
            if (auto id = run.in->task_id_of(note->name)) ids.push_back(id);
        } else if (note->kind == "event") {
            terminal = msg("deadlock.event_unset");
        } else if (note->kind == "queue.get") {
            terminal = msg("deadlock.queue_empty");
        } else if (note->kind == "queue.put") {
            terminal = msg("deadlock.queue_full");
        }
        return ids;
    }
    auto w = aio::waiting_on(t);
    if (w && w->task_id) {
        ids.push_back(w->task_id);
        return ids;
    }
    for (const auto& [child, parent] : parents_)
        if (parent == t.id()) ids.push_back(child);
    if (ids.empty() && w) terminal = msg("deadlock.never_completes");
    return ids;
}

// The task's coroutine frames ("stack", outermost first: function, file name, line) and, for a
// recipe task, the recipe steps it is inside ("steps": what the recipe's author wrote).
void session::add_call_stack(const aio::any_task& t, json& j) const {
    json stack = json::array();
    for (const auto& f : aio::call_stack(t)) {
        std::string_view file = f.file;
        if (auto slash = file.find_last_of("/\\"); slash != std::string_view::npos) file.remove_prefix(slash + 1);
        json& frame = stack.emplace_back();
        frame["function"] = std::string(f.function);
        frame["file"] = std::string(file);
        frame["line"] = f.line;
    }
    j["stack"] = std::move(stack);
    if (const auto* in = interpreter_of(t.id())) {
        json steps = json::array();
        for (const auto* s : in->steps_of(t.id())) {
            json& step = steps.emplace_back();
            step["step"] = interpreter::describe(*s);
            step["path"] = s->path;
        }
        j["steps"] = std::move(steps);
    }
}

bool session::deadlocked() const {
    if (!loop_->stalled()) return false;
    for (const auto& t : loop_->all_tasks())
        if (!abandoned_.count(t.id())) return true;
    return false;
}

void session::abandon_run(run_record& run) {
    run.done = true;
    push(static_cast<double>(stream_kind::run_done), run.id, 0, 0, static_cast<double>(aio::outcome::exception), 1,
         run.deadlock);
    // Its tasks stay stuck in the loop (no cancellation reaches them) but are no deadlock of later runs.
    for (const auto& [task, owner] : run_of_)
        if (owner == run.id) abandoned_.insert(task);
}

std::string session::deadlock_report() const {
    auto tasks = loop_->all_tasks();
    std::map<std::uint64_t, aio::any_task> by_id;
    for (const auto& t : tasks) by_id.emplace(t.id(), t);
    std::map<std::uint64_t, std::vector<std::uint64_t>> edges;
    json waiting = json::array();
    std::vector<std::string> lines;  // one per waiting task
    for (const auto& t : tasks) {
        std::optional<message> terminal;
        auto ids = blockers(t, terminal);
        std::erase_if(ids, [&](std::uint64_t id) { return !by_id.count(id); });
        edges[t.id()] = ids;
        message wait = describe_wait(t);
        std::string name = t.get_name(), waits = wait.text();
        json& w = waiting.emplace_back();
        w["task"] = t.id();
        w["name"] = name;
        w["waits_on"] = waits;
        w["blocked_by"] = ids;
        std::string why = terminal ? terminal->text() : "";
        message line = terminal ? msg("deadlock.waits_why", {name, waits, why}) : msg("deadlock.waits", {name, waits});
        // The same as messages (code and params) for a front end that shows them in its language.
        auto& parts = w["messages"];
        parts["wait"] = wait.to_json();
        parts["line"] = line.to_json();
        if (terminal) {
            w["why"] = why;
            parts["why"] = terminal->to_json();
        }
        lines.push_back(line.text());
        json by = json::array();
        for (const auto& a : aio::awaiting_tasks(t)) by.push_back(a.id());
        w["awaited_by"] = by;
        add_call_stack(t, w);
    }
    // The first cycle of the wait graph (depth-first, in task id order).
    std::vector<std::uint64_t> cycle;
    std::map<std::uint64_t, int> state;  // 1 on the path, 2 done
    std::vector<std::uint64_t> path;
    std::function<bool(std::uint64_t)> visit = [&](std::uint64_t id) {
        state[id] = 1;
        path.push_back(id);
        for (auto next : edges[id]) {
            if (state[next] == 1) {
                cycle.assign(std::find(path.begin(), path.end(), next), path.end());
                return true;
            }
            if (state[next] == 0 && visit(next)) return true;
        }
        path.pop_back();
        state[id] = 2;
        return false;
    };
    for (const auto& [id, t] : by_id)
        if (state[id] == 0 && visit(id)) break;

    // The text: the heading, the cycle's links on one line, then one line per waiting task; each
    // part is also a message (code and params) in "messages" ("heading", "cycle": its links).
    message heading = msg("deadlock.heading", {std::to_string(tasks.size())});
    std::string text = heading.text();
    json cycle_json = json::array();
    json link_messages = json::array();
    if (!cycle.empty()) {
        std::string links;
        for (std::size_t i = 0; i < cycle.size(); ++i) {
            const auto& t = by_id.at(cycle[i]);
            const auto& next = by_id.at(cycle[(i + 1) % cycle.size()]);
            std::string waits = describe_wait(t).text();
            bool held = waits.rfind("lock", 0) == 0 || waits.rfind("semaphore", 0) == 0;
            message link = msg(held ? "deadlock.held_by" : "deadlock.awaits",
                               {t.get_name(), waits, next.get_name()});
            links += link.text() + (i + 1 < cycle.size() ? "; " : "");
            link_messages.push_back(link.to_json());
            json& c = cycle_json.emplace_back();
            c["task"] = t.id();
            c["name"] = t.get_name();
            c["waits_on"] = waits;
            c["blocked_by"] = next.id();
        }
        text += "\n  " + msg("deadlock.cycle", {links}).text();
    }
    for (const auto& line : lines) text += "\n  " + line;
    json report;
    report["message"] = text;
    report["cycle"] = std::move(cycle_json);
    report["waiting"] = std::move(waiting);
    report["messages"]["heading"] = heading.to_json();
    report["messages"]["cycle"] = std::move(link_messages);
    return report.dump();
}

void session::check_deadlock() {
    if (!deadlocked()) {
        deadlock_reported_ = false;
        return;
    }
    // A run cancelled for a deadlock that is stalled again: its cancellation could not break the
    // cycle (tasks awaiting each other forward it round the cycle). It ends now with the deadlock.
    for (auto& [id, run] : runs_)
        if (!run->done && !run->deadlock.empty()) abandon_run(*run);
    if (deadlock_reported_ || !deadlocked()) return;
    deadlock_reported_ = true;
    std::string report = deadlock_report();
    push(static_cast<double>(stream_kind::deadlock), 0, 0, 0, 0, 0, report);
    std::string message = json::parse(report)["message"].get<std::string>();
    for (auto& [id, run] : runs_) {
        if (run->done || !run->as_run || !run->root.valid()) continue;
        run->deadlock = message;
        run->root.cancel("deadlock");
    }
    // Still stalled: the cancellations woke nothing (host-driven, no slice would come to look again).
    if (deadlocked())
        for (auto& [id, run] : runs_)
            if (!run->done && !run->deadlock.empty()) abandon_run(*run);
}

std::string session::snapshot_json(std::size_t limit) const {
    const auto& loop = *loop_;
    double now = loop.time();
    // Only `limit` items of each list are fetched and looked up: with a small limit a snapshot
    // stays cheap while 100,000 tasks are alive.
    auto tasks = loop.all_tasks(limit);
    auto ready_list = loop.ready_task_ids(limit);
    auto timer_list = loop.pending_timers(limit);
    // Names come from the listed tasks: a ready or sleeping task beyond them (only when the list
    // is capped) has a null name rather than a walk over every live task.
    std::unordered_map<std::uint64_t, std::string> named;
    for (const auto& t : tasks) named.emplace(t.id(), t.get_name());
    auto name_of = [&](std::uint64_t id) {
        auto it = named.find(id);
        return it != named.end() ? json(it->second) : json(nullptr);
    };
    std::unordered_set<std::uint64_t> ready_ids(ready_list.begin(), ready_list.end());
    json ready = json::array();
    for (std::size_t i = 0; i < std::min(limit, ready_list.size()); ++i) {
        json& r = ready.emplace_back();
        if (auto id = ready_list[i]) {
            r["task"] = id;
            r["name"] = name_of(id);
        } else {
            r["callback"] = true;
        }
    }
    json timers = json::array();
    for (const auto& t : timer_list) {
        if (timers.size() >= limit) break;
        double deadline = static_cast<double>(t.deadline_ns) * 1e-9;
        json& j = timers.emplace_back();
        j["deadline"] = deadline;
        j["in"] = deadline - now;
        if (t.task_id) {
            j["task"] = t.task_id;
            j["name"] = name_of(t.task_id);
        }
    }
    json io = json::array();
    std::map<std::uint64_t, std::vector<std::uint64_t>> awaited_by;
    json task_list = json::array();
    for (const auto& t : tasks) {
        auto w = aio::waiting_on(t);
        json& j = task_list.emplace_back();
        j["id"] = t.id();
        j["name"] = t.get_name();
        auto parent = parents_.find(t.id());
        j["parent"] = parent != parents_.end() && parent->second ? json(parent->second) : json(nullptr);
        auto run = run_of_.find(t.id());
        j["run"] = run != run_of_.end() ? json(run->second) : json(nullptr);
        add_call_stack(t, j);
        for (const auto& a : aio::awaiting_tasks(t)) awaited_by[t.id()].push_back(a.id());  // the runtime's await graph
        if (ready_ids.count(t.id()) || !w) {
            j["state"] = "ready";
            j["awaits"] = nullptr;
        } else {
            j["state"] = "waiting";
            json& a = j["awaits"];
            a["kind"] = aio::to_string(w->kind);
            a["label"] = std::string(w->label);
            a["what"] = describe_wait(t).text();
            if (w->task_id) {
                a["task"] = w->task_id;
                awaited_by[w->task_id].push_back(t.id());
            }
            if (w->deadline_ns) a["deadline"] = static_cast<double>(w->deadline_ns) * 1e-9;
            if (const auto* note = note_of(t.id())) {
                a["resource"]["kind"] = note->kind;
                a["resource"]["name"] = note->name;
                if (note->kind == "task") {
                    auto& in = *runs_.at(run_of_.at(t.id()))->in;
                    if (auto id = in.task_id_of(note->name); id && !a.contains("task")) {
                        a["task"] = id;
                        awaited_by[id].push_back(t.id());
                    }
                }
            }
            if (w->kind == aio::wait_kind::host_io || w->kind == aio::wait_kind::thread) {
                json& e = io.emplace_back();
                e["task"] = t.id();
                e["name"] = t.get_name();
                e["label"] = std::string(w->label);
            }
        }
    }
    // gather / wait / task groups: a waiting parent without a single awaited task awaits its children.
    std::map<std::uint64_t, const json*> by_id;
    for (const auto& j : task_list) by_id[j["id"].get<std::uint64_t>()] = &j;
    for (const auto& j : task_list) {
        auto parent = parents_.find(j["id"].get<std::uint64_t>());
        if (parent == parents_.end() || !by_id.count(parent->second)) continue;
        const json& p = *by_id[parent->second];
        if (p["state"] == "waiting" && !p["awaits"].contains("task"))
            awaited_by[j["id"].get<std::uint64_t>()].push_back(parent->second);
    }
    for (auto& j : task_list) {
        auto& by = awaited_by[j["id"].get<std::uint64_t>()];
        std::sort(by.begin(), by.end());
        by.erase(std::unique(by.begin(), by.end()), by.end());
        j["awaited_by"] = by;
    }

    json resources = json::array();
    json runs = json::array();
    for (const auto& [id, run] : runs_) {
        json& entry = runs.emplace_back();
        entry["id"] = id;
        entry["kind"] = run->kind;
        entry["name"] = run->name;
        entry["done"] = run->done;
        if (!run->in) continue;
        for (const auto& r : run->in->resource_states()) {
            json& e = resources.emplace_back();
            e["run"] = id;
            e["name"] = r.name;
            e["kind"] = r.kind;
            e["state"] = r.state;
            e["holders"] = r.holders;
            e["waiting"] = r.waiting;
        }
    }
    // Member by member rather than one initializer list: nlohmann's nested initializer lists
    // cost several KB of wasm here (./tools/bench --sizes); keys are sorted either way.
    json snap;
    snap["version"] = 1;
    snap["time"] = now;
    snap["tick"] = loop.ticks();
    snap["clock"] = loop.clock() == aio::clock_kind::virtual_time ? "virtual" : "real";
    snap["speed"] = std::isfinite(loop.speed()) ? json(loop.speed()) : json(nullptr);  // null: instant
    snap["paused"] = loop.paused();
    snap["pacing"] = loop.pacing();  // a paced virtual clock is waiting before its next jump
    snap["host"] = loop.attached_to_host();
    // Host slices so far and the most loop steps one ran (bounded: no long host task).
    json& slices = snap["slices"];
    slices["count"] = loop.host_slices();
    slices["max_steps"] = loop.max_slice_steps();
    slices["step_cap"] = loop.host_slice_max_steps();
    snap["ready"] = std::move(ready);
    snap["timers"] = std::move(timers);
    snap["outside_work"] = loop.outside_work();
    snap["tasks"] = std::move(task_list);
    // Full sizes; a capped task list cannot count its I/O waits: then the host operations in flight.
    json& counts = snap["counts"];
    counts["ready"] = loop.ready_count();
    counts["timers"] = loop.timer_count();
    counts["tasks"] = loop.task_count();
    counts["io"] = tasks.size() == loop.task_count() ? io.size() : static_cast<std::size_t>(std::max(0, loop.outside_work()));
    snap["io"] = std::move(io);
    snap["resources"] = std::move(resources);
    snap["runs"] = std::move(runs);
    snap["stalled"] = loop.stalled();
    snap["strings"] = strings_.size();  // the string table's live entries (at most max_interned)
    snap["deadlock"] = deadlocked() ? json::parse(deadlock_report()) : json(nullptr);
    return snap.dump();
}

// ---------------------------------------------------------------- the catalog

std::string session::examples_json() const {
    json catalog = json::array();
    if (!options_.catalog_path.empty()) {
        if (std::optional<std::string> text = aio::detail::read_file(options_.catalog_path)) {
            json doc = json::parse(*text, nullptr, false);
            if (doc.is_object() && doc.contains("examples") && doc["examples"].is_array()) catalog = doc["examples"];
        }
    }
    json all = json::array();
    std::set<std::string> seen;
    auto entry = [](const aio_examples::example_info* info, json j) {
        if (info) {
            json params = json::array();
            for (const auto& p : info->params) params.push_back({{"name", p.name}, {"default", p.default_value}, {"help", p.help}});
            j["params"] = params;
            j["makes_own_loop"] = info->main == nullptr;
        }
        j["runnable"] = info != nullptr;
        return j;
    };
    for (const auto& c : catalog) {
        if (!c.is_object() || !c.contains("id") || !c["id"].is_string()) continue;
        std::string id = c["id"].get<std::string>();
        seen.insert(id);
        json j{{"id", id}};
        for (const char* key : {"group", "title_en", "title_zh", "python", "status", "item", "covers", "note"})
            if (c.contains(key)) j[key] = c[key];
        if (c.contains("params")) j["params"] = c["params"];
        all.push_back(entry(aio_examples::find(id), j));
    }
    for (const auto* info : aio_examples::catalog())
        if (!seen.count(info->id)) all.push_back(entry(info, json{{"id", info->id}}));
    return all.dump();
}

}  // namespace aio::sandbox
