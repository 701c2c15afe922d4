// Contexts for context_var: a list of (variable, value), reference counted across threads
// (to_thread carries one to a worker) and copied on write. A task's context lives in a side
// table of its loop thread, entered only once context variables are in use on that thread.
#include "aio/context_var.hpp"

#include "aio/detail/context.hpp"

#include <algorithm>
#include <atomic>
#include <unordered_map>
#include <vector>

namespace aio::detail {

struct context_data {
    std::atomic<std::uint32_t> refs{1};
    std::vector<std::pair<const void*, std::shared_ptr<const void>>> values;
    // A Python Context object's: every holder (its tasks, Context.run) writes to it in place,
    // and whoever wants its own copy (a child task, copy_context) gets a real one.
    bool by_reference = false;
};

void context_release(context_data* c) noexcept {
    if (c && c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete c;
}

context_data* context_retain(context_data* c) noexcept {
    if (c) c->refs.fetch_add(1, std::memory_order_relaxed);
    return c;
}

namespace {

// This thread's context outside tasks, and the contexts of the tasks of its loop (absent: empty).
thread_local context_data* outside_task_context = nullptr;
struct task_contexts {
    std::unordered_map<const task_core*, context_data*> map;
    ~task_contexts() {
        for (auto& [task, c] : map) context_release(c);
    }
};
thread_local task_contexts tasks;

context_data* current() {
    if (task_core* t = this_thread.current_task) {
        auto it = tasks.map.find(t);
        return it == tasks.map.end() ? nullptr : it->second;
    }
    return outside_task_context;
}

// Where the current context is stored, to replace it.
void replace_current(context_data* c) {
    if (task_core* t = this_thread.current_task) {
        context_data*& slot = tasks.map[t];
        context_release(slot);
        slot = c;
    } else {
        context_release(outside_task_context);
        outside_task_context = c;
    }
}
}  // namespace

context_data* context_share(context_data* c) {
    if (!c || !c->by_reference) return context_retain(c);
    auto* copy = new context_data;
    copy->values = c->values;
    return copy;
}

context_data* context_by_reference(context_data* c) {
    if (!c || (!c->by_reference && c->refs.load(std::memory_order_acquire) > 1)) {
        auto* own = new context_data;
        if (c) own->values = c->values;
        context_release(c);
        c = own;
    }
    contexts_in_use = true;
    c->by_reference = true;
    return c;
}

void context_assign(const task_core& task, context_data* c) {
    contexts_in_use = true;
    context_data*& slot = tasks.map[&task];
    context_release(slot);
    slot = c;
}

// A copy-on-write context may be current and yet another holder's own: only a by-reference one
// is the same context.
bool context_is_current(const context_data* c) { return c && c->by_reference && c == current(); }

void context_inherit(const task_core& task) {
    if (context_data* c = current()) tasks.map[&task] = context_share(c);
}

void context_forget(const task_core& task) {
    auto it = tasks.map.find(&task);
    if (it == tasks.map.end()) return;
    context_release(it->second);
    tasks.map.erase(it);
}

context_data* context_retain_current() { return context_share(current()); }

context_data* context_install(context_data* c) noexcept {
    if (c) contexts_in_use = true;
    return std::exchange(outside_task_context, c);
}

void context_restore(context_data* previous) noexcept {
    context_release(std::exchange(outside_task_context, previous));
}

context_data* context_swap_current(context_data* c) {
    contexts_in_use = true;  // a task's slot made here is dropped by context_forget
    if (task_core* t = this_thread.current_task) return std::exchange(tasks.map[t], c);
    return std::exchange(outside_task_context, c);
}

std::vector<std::pair<const void*, std::shared_ptr<const void>>> context_entries(const context_data* c) {
    if (!c) return {};
    return c->values;
}

context_carry::context_carry(context_data* context) : saved_(context_install(context)) {}
context_carry::~context_carry() { context_restore(saved_); }

std::shared_ptr<const void> context_get(const void* key) {
    const context_data* c = current();
    if (!c) return nullptr;
    for (const auto& [k, v] : c->values)
        if (k == key) return v;
    return nullptr;
}

std::shared_ptr<const void> context_set(const void* key, std::shared_ptr<const void> value) {
    contexts_in_use = true;
    context_data* c = current();
    if (!c || (c->refs.load(std::memory_order_acquire) > 1 && !c->by_reference)) {
        // Shared with another task or thread (or none yet): write to a copy of one's own.
        auto* copy = new context_data;
        if (c) copy->values = c->values;
        replace_current(copy);
        c = copy;
    }
    auto it = std::find_if(c->values.begin(), c->values.end(), [key](const auto& e) { return e.first == key; });
    std::shared_ptr<const void> old;
    if (it != c->values.end()) {
        old = std::move(it->second);
        if (value) {
            it->second = std::move(value);
        } else {
            c->values.erase(it);
        }
    } else if (value) {
        c->values.emplace_back(key, std::move(value));
    }
    return old;
}

}  // namespace aio::detail
