// The event loop the first tutorial describes in pseudo-code, watched through the loop's trace
// hook: each tick runs the tasks that are ready, a task that finished leaves the task list, and
// the loop ends when the list is empty.
// Tutorials: 000 §1.1 事件循环 (the pseudo-code, "仅当任务遇到 await 时才会切换"); 001 事件循环
// (a queue of coroutines to run, timers for asyncio.sleep); 002 事件循环的工作原理.
// Tutorial 003 最佳实践 5 advises swapping in uvloop: aio's loop is its own (C++, not asyncio's nor
// libuv's), so there is nothing to swap; tools/README.md's benchmark table compares it with asyncio.
//
//   任务列表 = [任务1, 任务2, 任务3]              task list = [task1, task2, task3]
//   while True:
//       可执行的任务列表, 已完成的任务列表 = ...     ready, done = check every task
//       for 就绪任务 in 已准备就绪的任务列表:        for task in ready:
//           执行已就绪的任务                             run it up to its next await
//       for 已完成的任务 in 已完成的任务列表:        for task in done:
//           在任务列表中移除 已完成的任务                remove it from the task list
//       如果 任务列表 中的任务都已完成, 则终止循环    if every task is done: stop
//
// A real loop does not poll every task: a task that awaits goes off the ready queue, and the
// thing it waits for (a timer for sleep, another task, a future) puts it back when it is done.
// Each line below is one tick: the tasks it ran and where each one stopped.
#include "lib/example.hpp"

#include <map>
#include <vector>

namespace {

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", s);
    return text;
}

// Prints one line per tick in which tasks ran.
class tick_printer {
public:
    tick_printer(aio_examples::context& out, double start) : out_(out), start_(start) {}
    void name(std::uint64_t id, std::string name) { names_[id] = std::move(name); }

    void operator()(const aio::trace_event& e) {
        switch (e.kind) {
        case aio::trace_kind::tick_begin:
            steps_.clear();
            ran_.clear();
            break;
        case aio::trace_kind::task_created:
            names_[e.task_id] = std::string(e.text);
            if (!current_.empty()) steps_.push_back(current_ + " creates " + names_[e.task_id]);
            break;
        case aio::trace_kind::timer_fired:
            if (e.task_id) steps_.push_back("the timer of " + names_[e.task_id] + " fires");
            break;
        case aio::trace_kind::task_started:
        case aio::trace_kind::task_resumed:
            current_ = names_[e.task_id];
            ran_.push_back(current_);
            break;
        case aio::trace_kind::task_suspended:
            steps_.push_back(names_[e.task_id] + " " + where(e));
            current_.clear();
            break;
        case aio::trace_kind::task_finished:
            steps_.push_back(names_[e.task_id] + " is done -> removed from the task list");
            current_.clear();
            break;
        case aio::trace_kind::tick_end:
            if (!steps_.empty()) {
                std::string line = "tick " + std::to_string(++ticks_) + ": ready [";
                for (const auto& name : ran_) line += (line.back() == '[' ? "" : ", ") + name;
                line += "] ->";
                for (const auto& s : steps_) line += (line.back() == '>' ? " " : "; ") + s;
                out_.log(line);
            }
            break;
        default:
            break;
        }
    }

private:
    std::string where(const aio::trace_event& e) {
        switch (e.wait) {
        case aio::wait_kind::yield:
            return "yields (sleep(0)): straight back to the ready queue";
        case aio::wait_kind::sleep:
            return "sleeps until t=" + seconds(static_cast<double>(e.deadline_ns - e.time_ns) * 1e-9 + elapsed());
        case aio::wait_kind::task:
            return "waits for " + names_[e.other_id];
        case aio::wait_kind::future:
            return "waits for a future (the gather of the three tasks)";
        default:
            return std::string("waits (") + aio::to_string(e.wait) + ")";
        }
    }
    double elapsed() const { return aio::get_running_loop().time() - start_; }

    aio_examples::context& out_;
    double start_;
    std::map<std::uint64_t, std::string> names_;
    std::vector<std::string> steps_;
    std::string current_ = "main";  // the trace starts in the middle of main's first step
    std::vector<std::string> ran_{"main"};
    int ticks_ = 0;
};

aio::coro<void> sleeper(double delay) { co_await aio::sleep(delay); }  // waits for a timer

aio::coro<void> worker(int steps) {  // computes in steps, letting the others run in between
    for (int i = 0; i < steps; ++i) co_await aio::sleep(0);
}

aio::coro<void> main_(aio_examples::context& out) {
    aio::event_loop& loop = aio::get_running_loop();
    tick_printer printer(out, loop.time());
    aio::current_task().set_name("main");
    printer.name(aio::current_task().id(), "main");
    loop.set_trace(std::ref(printer));

    auto task1 = aio::create_task(sleeper(out.number("delay1")), "task1");
    auto task2 = aio::create_task(sleeper(out.number("delay2")), "task2");
    auto task3 = aio::create_task(worker(out.integer("steps")), "task3");
    co_await aio::gather(task1, task2, task3);

    loop.set_trace(nullptr);
    out.log("main resumes: the task list is empty, so the loop stops once main returns");
}

const aio_examples::example_info info{"event_loop", main_, nullptr,
                                      {{"delay1", "1", "seconds task1 sleeps"},
                                       {"delay2", "2", "seconds task2 sleeps"},
                                       {"steps", "2", "times task3 yields before it is done", aio_examples::param_kind::count}}};
AIO_REGISTER_EXAMPLE(info);

}  // namespace
