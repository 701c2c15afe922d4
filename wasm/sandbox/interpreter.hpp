// Runs a parsed recipe on the running loop: every task of the recipe is a real aio task, every
// sleep a real timer, every lock a real aio::lock — what the sandbox shows is the runtime itself.
#pragma once

#include "recipe.hpp"

#include "aio/aio.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace aio::sandbox {

class interpreter {
public:
    // `out` receives each output line ("[t=1.00s] worker: hello").
    interpreter(const recipe& r, std::function<void(std::string_view)> out);
    ~interpreter();
    interpreter(const interpreter&) = delete;
    interpreter& operator=(const interpreter&) = delete;

    // Runs the main task's steps in the calling task, then waits for every task the recipe
    // spawned. Throws what the main task throws, or limit_error when a limit is hit.
    aio::coro<void> run();

    // Starts one more task from `spec` while the recipe runs (the sandbox's "launch" button).
    aio::task<void> spawn(const task_spec& spec);

    std::size_t tasks_created() const { return tasks_created_; }
    std::size_t steps_executed() const { return steps_executed_; }

private:
    struct resources;
    aio::coro<void> run_task(const task_spec& spec);
    aio::coro<void> run_steps(const std::vector<step>& steps, const task_spec& owner);
    aio::coro<void> run_step(const step& s, const task_spec& owner);
    aio::coro<void> block(double ms);
    void print(const task_spec& owner, const std::string& text);
    std::vector<aio::task<void>> spawn_all(const std::vector<task_spec>& specs);
    void count_step();

    const recipe& recipe_;
    std::function<void(std::string_view)> out_;
    std::unique_ptr<resources> res_;
    std::map<std::string, aio::task<void>> named_;
    std::vector<aio::task<void>> spawned_;
    std::size_t tasks_created_ = 0;
    std::size_t steps_executed_ = 0;
    std::size_t lines_ = 0;
    double start_ = 0;
};

}  // namespace aio::sandbox
