// Runs a parsed recipe on the running loop: every task of the recipe is a real aio task, every
// sleep a real timer, every lock a real aio::lock — what the sandbox shows is the runtime itself.
#pragma once

#include "recipe.hpp"
#include "storage.hpp"

#include "aio/aio.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <optional>
#include <unordered_map>
#include <vector>

namespace aio::sandbox {

class interpreter {
public:
    // `out` receives each output line ("[t=1.00s] worker: hello"). `data`: where store and file
    // steps keep their data (needed when the recipe has such steps; outlives the run).
    interpreter(const recipe& r, std::function<void(std::string_view)> out, storage* data = nullptr);
    ~interpreter();
    interpreter(const interpreter&) = delete;
    interpreter& operator=(const interpreter&) = delete;

    // Runs the main task's steps in the calling task, then waits for every task the recipe
    // spawned. Throws what the main task throws, or limit_error when a limit is hit.
    aio::coro<void> run();

    // Starts one more task from `spec` while the recipe runs (the sandbox's "launch" button).
    aio::task<void> spawn(const task_spec& spec);

    // Output stamps ("[t=1.00s]") count from `loop_time` instead of this recipe's own start: a
    // recipe launched into a loop that runs others stamps on their clock, so stamps never go back.
    void stamp_from(double loop_time) { stamp_origin_ = loop_time; }
    // The loop time the recipe started at (nullopt: not yet).
    std::optional<double> started_at() const { return started_ ? std::optional<double>(start_) : std::nullopt; }

    std::size_t tasks_created() const { return tasks_created_; }
    std::size_t steps_executed() const { return steps_executed_; }
    std::size_t queued_bytes() const { return queued_bytes_; }
    std::size_t written_bytes() const { return written_bytes_; }
    std::size_t live_tasks() const { return *live_tasks_; }

    // What the recipe's tasks wait on, by name (the runtime's own wait labels are generic:
    // "lock", "queue.get"): the sandbox's snapshot and deadlock report read these.
    struct wait_note {
        std::string kind;  // lock, semaphore, event, queue.get, queue.put, task, store, file
        std::string name;  // the resource's or the awaited task's name
    };
    // Task id -> what it waits on now (only tasks suspended at a named resource or task).
    const std::map<std::uint64_t, wait_note>& waits() const { return waits_; }
    struct resource_state {
        std::string name;
        std::string kind;                  // lock, semaphore, event, queue
        std::string state;                 // "locked", "free", "value 2", "set", "clear", "3 items"
        std::vector<std::uint64_t> holders;  // locks and semaphores: the tasks holding them
        std::size_t waiting = 0;           // tasks queued on it
    };
    std::vector<resource_state> resource_states() const;
    // The id of the task a recipe task name refers to (0 if it has not started).
    std::uint64_t task_id_of(const std::string& name) const;
    // The recipe steps a task is inside now, outermost first ("with 'db'", "sleep 1"): a
    // recipe task's call stack in the recipe's own terms (the snapshot's "steps").
    std::vector<const step*> steps_of(std::uint64_t task) const;
    static std::string describe(const step& s);

private:
    struct resources;
    aio::coro<void> run_task(const task_spec& spec);
    aio::coro<void> run_steps(const std::vector<step>& steps, const task_spec& owner);
    aio::coro<void> run_step(const step& s, const task_spec& owner);
    aio::coro<void> block(double ms);
    // The I/O steps: interpreter_io.cpp, or interpreter_no_io.cpp in a module built without the
    // HTTP client, the store and files (the widgets': a link-time choice).
    aio::coro<void> http_step(const step& s, const task_spec& owner);
    aio::coro<void> store_step(const step& s, const task_spec& owner);
    aio::coro<void> file_step(const step& s, const task_spec& owner);
    void count_written(std::size_t bytes);
    aio::coro<void> settle(aio::task<void> t, bool cancel);
    [[noreturn]] void exceeded(const char* code, std::string max);  // throws limit_error; code "limit.NAME"
    void count_task();
    void track_live(const aio::task<void>& t);  // counted in live_tasks_ until it is done
    void report_unretrieved(const aio::task<void>& t);
    void print(const task_spec& owner, const std::string& text);
    std::vector<aio::task<void>> spawn_all(const std::vector<task_spec>& specs);
    void count_step();
    // Notes what the current task waits on for the duration of one await (also on exceptions).
    class wait_scope {
    public:
        wait_scope(interpreter& in, const char* kind, const std::string& name) : in_(in), id_(aio::current_task().id()) {
            in_.waits_[id_] = {kind, name};
        }
        ~wait_scope() { in_.waits_.erase(id_); }
        wait_scope(const wait_scope&) = delete;
        wait_scope& operator=(const wait_scope&) = delete;

    private:
        interpreter& in_;
        std::uint64_t id_;
    };
    class step_scope;
    void hold(const std::string& name);
    void unhold(const std::string& name);

    const recipe& recipe_;
    std::function<void(std::string_view)> out_;
    std::unique_ptr<resources> res_;
    std::map<std::string, aio::task<void>> named_;
    std::vector<aio::task<void>> spawned_;
    std::size_t tasks_created_ = 0;
    std::size_t steps_executed_ = 0;
    std::size_t lines_ = 0;
    std::size_t queued_bytes_ = 0;   // held by queue items now (max_queued_bytes)
    std::size_t written_bytes_ = 0;  // by store_put and write_file (max_written_bytes)
    storage* data_ = nullptr;
    // The recipe's tasks alive now (max_live_tasks). Shared with the tasks' done callbacks, which
    // the loop may run after the interpreter is gone.
    std::shared_ptr<std::size_t> live_tasks_ = std::make_shared<std::size_t>(0);
    std::exception_ptr limit_hit_;   // the first limit_error: the whole recipe ends with it
    aio::any_task root_;
    double start_ = 0;
    bool started_ = false;
    std::optional<double> stamp_origin_;
    std::map<std::uint64_t, wait_note> waits_;
    std::map<std::string, std::vector<std::uint64_t>> holders_;
    std::unordered_map<std::uint64_t, std::vector<const step*>> steps_;  // task id -> open steps
};

}  // namespace aio::sandbox
