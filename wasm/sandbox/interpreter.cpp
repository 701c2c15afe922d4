#include "interpreter.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace aio::sandbox {

struct interpreter::resources {
    std::map<std::string, std::unique_ptr<aio::lock>> locks;
    std::map<std::string, std::unique_ptr<aio::semaphore>> semaphores;
    std::map<std::string, std::unique_ptr<aio::event>> events;
    std::map<std::string, std::unique_ptr<aio::queue<std::string>>> queues;
};

interpreter::interpreter(const recipe& r, std::function<void(std::string_view)> out, storage* data)
    : recipe_(r), out_(std::move(out)), res_(std::make_unique<resources>()), data_(data) {
    for (const auto& name : r.locks) res_->locks[name] = std::make_unique<aio::lock>();
    for (const auto& [name, value] : r.semaphores) res_->semaphores[name] = std::make_unique<aio::semaphore>(value);
    for (const auto& name : r.events) res_->events[name] = std::make_unique<aio::event>();
    for (const auto& [name, maxsize] : r.queues)
        res_->queues[name] = std::make_unique<aio::queue<std::string>>(static_cast<std::size_t>(maxsize));
}

interpreter::~interpreter() = default;

// Keeps `s` on the current task's stack of open steps while it runs (also on exceptions, and
// when the frame is destroyed).
class interpreter::step_scope {
public:
    step_scope(interpreter& in, const step& s) : in_(in), id_(aio::current_task().id()) { in_.steps_[id_].push_back(&s); }
    ~step_scope() {
        auto it = in_.steps_.find(id_);
        if (it == in_.steps_.end()) return;
        it->second.pop_back();
        if (it->second.empty()) in_.steps_.erase(it);
    }
    step_scope(const step_scope&) = delete;
    step_scope& operator=(const step_scope&) = delete;

private:
    interpreter& in_;
    std::uint64_t id_;
};

std::vector<const step*> interpreter::steps_of(std::uint64_t task) const {
    auto it = steps_.find(task);
    return it == steps_.end() ? std::vector<const step*>{} : it->second;
}

std::string interpreter::describe(const step& s) {
    std::string text = to_string(s.kind);
    char number[48];
    switch (s.kind) {
        case step::op::sleep:
        case step::op::wait_for:
            std::snprintf(number, sizeof number, " %g s", s.seconds);
            text += number;
            break;
        case step::op::cpu:
        case step::op::to_thread:
            std::snprintf(number, sizeof number, " %g ms", s.ms);
            text += number;
            break;
        case step::op::repeat: text += " x" + std::to_string(s.times); break;
        case step::op::gather:
        case step::op::wait:
        case step::op::as_completed:
        case step::op::task_group: text += " (" + std::to_string(s.tasks.size()) + " tasks)"; break;
        case step::op::spawn:
            if (!s.tasks[0].name.empty()) text += " '" + s.tasks[0].name + "'";
            break;
        case step::op::print:
        case step::op::raise: break;
        default: text += " '" + s.text + "'"; break;  // a resource or task name
    }
    return text;
}

void interpreter::hold(const std::string& name) { holders_[name].push_back(aio::current_task().id()); }

// Locks and semaphores have no owner (as in asyncio): a release by another task drops the
// releasing task's hold if it has one, else the oldest.
void interpreter::unhold(const std::string& name) {
    auto& ids = holders_[name];
    if (ids.empty()) return;
    auto self = aio::current_task();
    auto it = self.valid() ? std::find(ids.begin(), ids.end(), self.id()) : ids.end();
    ids.erase(it != ids.end() ? it : ids.begin());
}

std::vector<interpreter::resource_state> interpreter::resource_states() const {
    std::vector<resource_state> all;
    auto holders_of = [&](const std::string& name) {
        auto it = holders_.find(name);
        return it == holders_.end() ? std::vector<std::uint64_t>{} : it->second;
    };
    for (const auto& [name, l] : res_->locks)
        all.push_back({name, "lock", l->locked() ? "locked" : "free", holders_of(name), l->waiting()});
    for (const auto& [name, s] : res_->semaphores)
        all.push_back({name, "semaphore", "value " + std::to_string(s->value()), holders_of(name), s->waiting()});
    for (const auto& [name, e] : res_->events) all.push_back({name, "event", e->is_set() ? "set" : "clear", {}, e->waiting()});
    for (const auto& [name, q] : res_->queues)
        all.push_back({name, "queue", std::to_string(q->qsize()) + " items", {}, q->getters_waiting() + q->putters_waiting()});
    return all;
}

std::uint64_t interpreter::task_id_of(const std::string& name) const {
    auto it = named_.find(name);
    return it == named_.end() ? 0 : it->second.id();
}

void interpreter::print(const task_spec& owner, const std::string& text) {
    if (lines_ > recipe_.bounds.max_output_lines) return;
    if (lines_++ == recipe_.bounds.max_output_lines) {
        out_("... output truncated (more than " + std::to_string(recipe_.bounds.max_output_lines) + " lines)");
        return;
    }
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[t=%.2fs] ", aio::get_running_loop().time() - stamp_origin_.value_or(start_));
    out_(std::string(stamp) + owner.name + ": " + text);
}

// A limit ends the whole recipe at once, not only the task that hit it: the main task is
// cancelled and every other task stops at its next step (count_step rethrows).
void interpreter::exceeded(const char* code, std::string max) {
    limit_error e(code + 6, msg(code, {max}));  // the limit's name follows "limit."
    if (!limit_hit_) {
        limit_hit_ = std::make_exception_ptr(e);
        auto self = aio::current_task();
        if (root_.valid() && !root_.done() && (!self.valid() || self.id() != root_.id())) root_.cancel(e.what());
    }
    throw e;
}

// Checked at every step rather than by a timer: a watchdog timer would keep an idle loop from
// ever reporting a deadlock (on the virtual clock it would just jump to the deadline).
void interpreter::count_step() {
    if (limit_hit_) std::rethrow_exception(limit_hit_);
    if (++steps_executed_ > recipe_.bounds.max_steps)
        exceeded("limit.max_steps", std::to_string(recipe_.bounds.max_steps));
    if (aio::get_running_loop().time() - start_ > recipe_.bounds.max_duration) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", recipe_.bounds.max_duration);
        exceeded("limit.max_duration", seconds);
    }
}

void interpreter::count_task() {
    if (limit_hit_) std::rethrow_exception(limit_hit_);
    if (++tasks_created_ > recipe_.bounds.max_tasks)
        exceeded("limit.max_tasks", std::to_string(recipe_.bounds.max_tasks));
    if (*live_tasks_ >= recipe_.bounds.max_live_tasks)
        exceeded("limit.max_live_tasks", std::to_string(recipe_.bounds.max_live_tasks));
    ++*live_tasks_;
}

void interpreter::track_live(const aio::task<void>& t) {
    t.add_done_callback([live = live_tasks_](const aio::task<void>&) { --*live; });
}

namespace {
bool is_limit(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const limit_error&) {
        return true;
    } catch (...) {
        return false;
    }
}
}  // namespace

// A task's error that nobody awaited goes to the loop's exception handler (the sandbox's error
// stream) instead of vanishing; limit errors are the run's own error and not repeated.
void interpreter::report_unretrieved(const aio::task<void>& t) {
    auto* core = aio::detail::core_access::of(t);
    if (!core->has_exception() || core->retrieved()) return;
    std::exception_ptr error = t.exception();  // marks it retrieved
    if (is_limit(error)) return;
    aio::error_context context;
    context.message = "Task exception was never retrieved";
    context.exception = error;
    context.task_id = t.id();
    context.task_name = t.get_name();
    core->loop().call_exception_handler(context);
}

aio::coro<void> interpreter::run() {
    start_ = aio::get_running_loop().time();
    started_ = true;
    root_ = aio::current_task();
    if (root_.valid()) root_.set_name(recipe_.main.name);
    auto main = co_await aio::try_await(run_steps(recipe_.main.steps, recipe_.main));
    std::exception_ptr failure = main.error();
    // Like a task group: the recipe ends when every task it started has ended (cancelled first
    // if the main task failed). Indexes: a task may still start others meanwhile.
    for (std::size_t i = 0; i < spawned_.size(); ++i) co_await settle(spawned_[i], failure || limit_hit_);
    if (limit_hit_) std::rethrow_exception(limit_hit_);
    if (failure) std::rethrow_exception(failure);
}

// Waits for a task the recipe started without retrieving its error, then reports the error if
// nobody awaited it. A separate coroutine: clang 14's wasm EH misses a catch inside a loop.
aio::coro<void> interpreter::settle(aio::task<void> t, bool cancel) {
    if (cancel) t.cancel();
    if (!t.done()) {
        std::vector<aio::task<void>> one{t};
        try {
            co_await aio::wait(std::move(one));
        } catch (...) {
            t.cancel();  // the main task itself was cancelled meanwhile: don't leave this one running
        }
    }
    if (t.done()) report_unretrieved(t);
}

aio::task<void> interpreter::spawn(const task_spec& spec) {
    count_task();
    std::string name = spec.name.empty() ? "task-" + std::to_string(tasks_created_) : spec.name;
    auto t = aio::create_task(run_task(spec), name);
    track_live(t);
    if (!spec.name.empty()) named_[spec.name] = t;
    spawned_.push_back(t);
    return t;
}

std::vector<aio::task<void>> interpreter::spawn_all(const std::vector<task_spec>& specs) {
    std::vector<aio::task<void>> tasks;
    tasks.reserve(specs.size());
    for (const auto& spec : specs) tasks.push_back(spawn(spec));
    return tasks;
}

aio::coro<void> interpreter::run_task(const task_spec& spec) { co_await run_steps(spec.steps, spec); }

aio::coro<void> interpreter::run_steps(const std::vector<step>& steps, const task_spec& owner) {
    for (const auto& s : steps) co_await run_step(s, owner);
}

// Blocking work of `ms` milliseconds. On the virtual clock the loop's time moves on by `ms` (the
// loop is stalled meanwhile); on the real clock the CPU really spins.
aio::coro<void> interpreter::block(double ms) {
    auto& loop = aio::get_running_loop();
    if (loop.clock() == aio::clock_kind::virtual_time) {
        loop.advance_virtual_time(ms / 1000.0);
    } else {
        auto until = std::chrono::steady_clock::now() + std::chrono::duration<double, std::milli>(ms / loop.speed());
        while (std::chrono::steady_clock::now() < until) {
        }
    }
    co_return;
}

namespace {
std::size_t item_bytes(const std::string& item) { return item.size() + sizeof(std::string); }

std::string outcome_of(const aio::task<void>& t) {
    if (t.cancelled()) return t.get_name() + " cancelled";
    if (auto e = t.exception()) return t.get_name() + " failed: " + aio::describe(e);
    return t.get_name() + " ok";
}
}  // namespace

aio::coro<void> interpreter::run_step(const step& s, const task_spec& owner) {
    count_step();
    step_scope in_step(*this, s);
    switch (s.kind) {
        case step::op::sleep: co_await aio::sleep(s.seconds); break;
        case step::op::print: print(owner, s.text); break;
        case step::op::cpu: co_await block(s.ms); break;
        case step::op::to_thread: {
            auto& loop = aio::get_running_loop();
            if (loop.clock() == aio::clock_kind::virtual_time) {
                co_await aio::sleep(s.ms / 1000.0);  // simulated: the thread's time passes while the loop runs
            } else {
                double ms = s.ms / loop.speed();
                co_await aio::to_thread([ms] {
                    auto until = std::chrono::steady_clock::now() + std::chrono::duration<double, std::milli>(ms);
                    while (std::chrono::steady_clock::now() < until) {
                    }
                });
            }
            break;
        }
        case step::op::raise: throw std::runtime_error(s.text);
        case step::op::spawn: {
            auto t = spawn(s.tasks[0]);
            // No await step names it: nobody can ever retrieve its error, so report it now
            // (combinators' children are not: the combinator retrieves their errors).
            if (!recipe_.awaited.count(s.tasks[0].name))
                t.add_done_callback([this](const aio::task<void>& done) { report_unretrieved(done); });
            break;
        }
        case step::op::await_task:
        case step::op::cancel: {
            auto it = named_.find(s.text);
            if (it == named_.end())
                throw std::runtime_error(s.path + ": task '" + s.text + "' has not been started yet");
            if (s.kind == step::op::cancel) {
                it->second.cancel();
            } else {
                auto t = it->second;
                wait_scope note(*this, "task", s.text);
                co_await t;
            }
            break;
        }
        case step::op::gather: {
            auto tasks = spawn_all(s.tasks);
            if (s.return_exceptions) {
                auto results = co_await aio::gather(aio::return_exceptions, tasks);
                std::string text = "gather:";
                for (std::size_t i = 0; i < tasks.size(); ++i)
                    text += (i ? ", " : " ") + (results[i] ? tasks[i].get_name() + " ok" : tasks[i].get_name() + " " + results[i].error_message());
                print(owner, text);
            } else {
                co_await aio::gather(tasks);
                print(owner, "gather: all " + std::to_string(tasks.size()) + " done");
            }
            break;
        }
        case step::op::wait: {
            auto tasks = spawn_all(s.tasks);
            auto when = s.return_when == "FIRST_COMPLETED"   ? aio::return_when::first_completed
                        : s.return_when == "FIRST_EXCEPTION" ? aio::return_when::first_exception
                                                             : aio::return_when::all_completed;
            std::optional<double> timeout;
            if (s.has_timeout) timeout = s.seconds;
            auto [done, pending] = co_await aio::wait(tasks, when, timeout);
            std::string text = "wait: " + std::to_string(done.size()) + " done";
            for (auto& t : done) text += ", " + outcome_of(t);
            text += "; " + std::to_string(pending.size()) + " pending";
            for (auto& t : pending) text += ", " + t.get_name();
            print(owner, text);
            break;
        }
        case step::op::as_completed: {
            auto tasks = spawn_all(s.tasks);
            std::optional<double> timeout;
            if (s.has_timeout) timeout = s.seconds;
            auto ac = aio::as_completed(tasks, timeout);
            std::size_t n = 0;
            for (auto next : ac) {
                co_await next;  // rethrows a failed task's error, as asyncio's as_completed does
                ++n;
                print(owner, "as_completed: result " + std::to_string(n) + " of " + std::to_string(tasks.size()));
            }
            break;
        }
        case step::op::wait_for: {
            auto t = spawn(s.tasks[0]);
            co_await aio::wait_for(t, s.seconds);
            break;
        }
        case step::op::task_group: {
            co_await aio::with_task_group([&](aio::task_group& tg) -> aio::coro<void> {
                for (const auto& spec : s.tasks) {
                    count_task();
                    auto t = tg.create_task(run_task(spec), spec.name.empty() ? "task-" + std::to_string(tasks_created_) : spec.name);
                    track_live(t);
                    if (!spec.name.empty()) named_[spec.name] = t;
                }
                co_return;
            });
            break;
        }
        case step::op::repeat:
            for (std::size_t i = 0; i < s.times; ++i) co_await run_steps(s.body, owner);
            break;
        case step::op::acquire:
            if (auto it = res_->locks.find(s.text); it != res_->locks.end()) {
                wait_scope note(*this, "lock", s.text);
                co_await it->second->acquire();
            } else {
                wait_scope note(*this, "semaphore", s.text);
                co_await res_->semaphores.at(s.text)->acquire();
            }
            hold(s.text);
            break;
        case step::op::release:
            if (auto it = res_->locks.find(s.text); it != res_->locks.end()) {
                it->second->release();
            } else {
                res_->semaphores.at(s.text)->release();
            }
            unhold(s.text);
            break;
        case step::op::with: {
            struct holding {  // the hold ends with the scope, also on exceptions
                interpreter& in;
                const std::string& name;
                ~holding() { in.unhold(name); }
            };
            if (auto it = res_->locks.find(s.text); it != res_->locks.end()) {
                std::optional<wait_scope> note(std::in_place, *this, "lock", s.text);
                auto held = co_await it->second->scoped();
                note.reset();
                hold(s.text);
                holding h{*this, s.text};
                co_await run_steps(s.body, owner);
            } else {
                std::optional<wait_scope> note(std::in_place, *this, "semaphore", s.text);
                auto held = co_await res_->semaphores.at(s.text)->scoped();
                note.reset();
                hold(s.text);
                holding h{*this, s.text};
                co_await run_steps(s.body, owner);
            }
            break;
        }
        case step::op::set: res_->events.at(s.text)->set(); break;
        case step::op::clear: res_->events.at(s.text)->clear(); break;
        case step::op::wait_event: {
            wait_scope note(*this, "event", s.text);
            co_await res_->events.at(s.text)->wait();
            break;
        }
        case step::op::put: {
            std::size_t bytes = item_bytes(s.value);
            if (queued_bytes_ + bytes > recipe_.bounds.max_queued_bytes)
                exceeded("limit.max_queued_bytes", std::to_string(recipe_.bounds.max_queued_bytes));
            wait_scope note(*this, "queue.put", s.text);
            co_await res_->queues.at(s.text)->put(s.value);
            queued_bytes_ += bytes;
            break;
        }
        case step::op::get: {
            std::optional<wait_scope> note(std::in_place, *this, "queue.get", s.text);
            std::string item = co_await res_->queues.at(s.text)->get();
            queued_bytes_ -= std::min(queued_bytes_, item_bytes(item));
            note.reset();
            print(owner, "got " + (item.empty() ? std::string("an item") : "'" + item + "'") + " from " + s.text);
            break;
        }
        case step::op::http: co_await http_step(s, owner); break;
        case step::op::store_put:
        case step::op::store_get:
        case step::op::store_delete: co_await store_step(s, owner); break;
        case step::op::write_file:
        case step::op::read_file: co_await file_step(s, owner); break;
    }
}

}  // namespace aio::sandbox
