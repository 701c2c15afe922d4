#include "aio/call_graph.hpp"

#include <algorithm>

namespace aio {

namespace {

const any_future& checked(const any_future& f) {
    if (!f.valid()) throw invalid_state_error("call graph: the future/task handle is empty");
    return f;
}
bool is_task(const any_future& f) { return f.core()->is_task(); }
detail::task_core& task_of(const any_future& f) { return static_cast<detail::task_core&>(*f.core()); }

future_call_graph build(const any_future& f, std::vector<const detail::future_core*>& path) {
    future_call_graph g{f, is_task(f) ? call_stack(any_task(&task_of(f))) : std::vector<frame_info>{}, {}};
    path.push_back(f.core());
    for (const auto& by : awaited_by(f))
        if (std::find(path.begin(), path.end(), by.core()) == path.end()) g.awaited_by.push_back(build(by, path));
    path.pop_back();
    return g;
}

void render(const future_call_graph& g, int level, std::string& out) {
    std::string indent(static_cast<std::size_t>(level) * 3, ' ');
    char line[96];
    if (is_task(g.future)) {
        auto& t = task_of(g.future);
        out += indent + "* Task(name='" + t.name() + "', id=" + std::to_string(t.id()) + ")\n";
    } else {
        std::snprintf(line, sizeof line, "* Future(id=%p)\n", static_cast<const void*>(g.future.core()));
        out += indent + line;
    }
    if (!g.call_stack.empty()) {
        out += indent + "   + Call stack:\n";
        for (const auto& f : g.call_stack) {
            out += indent + "   |   File '" + std::string(f.file) + "', line " + std::to_string(f.line) + ", in async " +
                   std::string(f.function) + "()\n";
        }
    }
    if (!g.awaited_by.empty()) {
        out += indent + "   + Awaited by:\n";
        for (const auto& by : g.awaited_by) render(by, level + 1, out);
    }
}

}  // namespace

std::vector<frame_info> call_stack(const any_task& task) {
    std::vector<frame_info> frames;
    checked(task);
    for (const auto* p = detail::core_access::of(task)->root_frame(); p; p = p->child) frames.push_back({p->function, p->file, p->line});
    return frames;
}

std::optional<wait_point> waiting_on(const any_task& task) {
    checked(task);
    const auto* s = detail::core_access::of(task)->waiting_on();
    if (!s) return std::nullopt;
    wait_point w{s->kind(), s->label(), s->target_id(), {}, s->deadline()};
    if (w.task_id) w.task_name = static_cast<const detail::task_core*>(s->awaited())->name();
    return w;
}

std::vector<any_future> awaited_by(const any_future& f) {
    std::vector<any_future> by;
    for (const auto* w = checked(f).core()->first_waiter(); w; w = w->next) {
        if (!w->on_behalf) continue;
        any_future who(w->on_behalf);
        if (std::find(by.begin(), by.end(), who) == by.end()) by.push_back(who);
    }
    return by;
}

std::vector<any_task> awaiting_tasks(const any_future& f) {
    std::vector<any_task> tasks;
    std::vector<any_future> todo = awaited_by(f), seen;
    while (!todo.empty()) {
        any_future next = todo.back();
        todo.pop_back();
        if (std::find(seen.begin(), seen.end(), next) != seen.end()) continue;
        seen.push_back(next);
        if (is_task(next)) {
            tasks.emplace_back(&task_of(next));
        } else {
            for (auto& by : awaited_by(next)) todo.push_back(by);
        }
    }
    return tasks;
}

future_call_graph capture_call_graph(const any_future& f) {
    std::vector<const detail::future_core*> path;
    return build(checked(f), path);
}

std::optional<future_call_graph> capture_call_graph() {
    auto t = current_task();
    if (!t.valid()) return std::nullopt;
    return capture_call_graph(t);
}

std::string format_call_graph(const future_call_graph& graph) {
    std::string out;
    render(graph, 0, out);
    return out;
}

void print_call_graph(const future_call_graph& graph, std::FILE* out) {
    std::fputs(format_call_graph(graph).c_str(), out);
}

}  // namespace aio
