// The runtime's side of context_var (context_var.cpp): tasks inherit their creator's context,
// executor calls carry the caller's. Kept out of task_core so that a program without context
// variables pays one thread-local flag test per task created and destroyed.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace aio::detail {

class task_core;
struct context_data;

// Set on a thread once a context variable was set there or a context was carried to it.
inline thread_local bool contexts_in_use = false;

void context_inherit(const task_core& task);  // the task was created: it gets the current context
void context_forget(const task_core& task);   // the task is going away

// The current context, retained (null: empty); release with context_release.
context_data* context_retain_current();
context_data* context_retain(context_data* context) noexcept;  // another reference (null stays null)
void context_release(context_data* context) noexcept;

// A reference for a new, independent holder: `context` retained, or a copy of a by-reference one.
context_data* context_share(context_data* context);

// Python's Context objects, which a task or a callback runs in rather than in a copy of:
// `context` (ownership passes; null: empty) made writable in place by all its holders, copied
// first if it is shared copy-on-write. Returns the context to hold instead.
context_data* context_by_reference(context_data* context);
// Makes `context` (ownership passes) the context of `task`, instead of its creator's copy.
void context_assign(const task_core& task, context_data* context);
// Whether by-reference `context` is the current one (Python's "already entered").
bool context_is_current(const context_data* context);

// Makes `context` (ownership passes) this thread's context outside tasks; returns the previous
// one, which context_restore puts back (releasing the installed one).
context_data* context_install(context_data* context) noexcept;
void context_restore(context_data* previous) noexcept;

// Makes `context` (ownership passes) the current context: the running task's, or the thread's
// outside tasks. Returns the one it replaces (owned by the caller), so that a second swap puts
// it back and hands over what `context` became meanwhile: Python's Context.run.
context_data* context_swap_current(context_data* context);

// The (variable, value) pairs of `context` (null: empty), in the order they were first set.
std::vector<std::pair<const void*, std::shared_ptr<const void>>> context_entries(const context_data* context);

// RAII form: a to_thread call runs in its caller's context on its worker.
class context_carry {
public:
    explicit context_carry(context_data* context);
    ~context_carry();
    context_carry(const context_carry&) = delete;
    context_carry& operator=(const context_carry&) = delete;

private:
    context_data* saved_;
};

}  // namespace aio::detail
