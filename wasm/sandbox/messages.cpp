#include "messages.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace aio::sandbox {

namespace {

constexpr message_info table[] = {
    // Recipe validation (recipe.cpp): the reason beside the path of the bad field.
    {"recipe.bad_allow_list", "the sandbox's HTTP allow-list is invalid: {detail}"},
    {"recipe.unknown_field", "unknown field (a recipe has version, title, resources and main)"},
    {"recipe.bad_version", "must be 1 (the only format version)"},
    {"recipe.missing_main", "missing: the steps of the main task"},
    {"recipe.no_such_task", "no task named '{name}' in this recipe"},
    {"recipe.not_object", "must be an object, not {type}"},
    {"recipe.not_string", "must be a string, not {type}"},
    {"recipe.too_long", "longer than {max} characters"},
    {"recipe.empty", "must not be empty"},
    {"recipe.not_seconds", "must be a number of seconds, not {type}"},
    {"recipe.not_milliseconds", "must be a number of milliseconds, not {type}"},
    {"recipe.seconds_range", "must be between {min} and {max} seconds"},
    {"recipe.milliseconds_range", "must be between {min} and {max} milliseconds"},
    {"recipe.not_whole", "must be a whole number, not {value}"},
    {"recipe.whole_range", "must be between {min} and {max}"},
    {"recipe.name_twice", "the name '{name}' is used twice"},
    {"recipe.not_name_array", "must be an array of names, not {type}"},
    {"recipe.empty_name", "a name must not be empty"},
    {"recipe.unknown_resource_kind", "unknown resource kind (locks, semaphores, events, queues)"},
    {"recipe.too_deep", "nested deeper than {max} levels (limit max_depth)"},
    {"recipe.unknown_task_field", "unknown field (a task has name and steps)"},
    {"recipe.missing_task_steps", "missing: the task's steps"},
    {"recipe.task_twice", "two tasks are named '{name}'"},
    {"recipe.not_task_array", "must be an array of tasks, not {type}"},
    {"recipe.no_tasks", "needs at least one task"},
    {"recipe.not_step_array", "must be an array of steps, not {type}"},
    {"recipe.two_operations", "has two operations, '{first}' and '{second}'"},
    {"recipe.no_operation", "no known operation; one of: {known}"},
    {"recipe.no_operation_has", "no known operation (has: {keys}); one of: {known}"},
    {"recipe.not_a_field", "not a field of '{operation}'"},
    {"recipe.spawn_needs_name", "a spawned task needs a name (to await or cancel it)"},
    {"recipe.not_boolean", "must be true or false"},
    {"recipe.bad_return_when", "must be ALL_COMPLETED, FIRST_COMPLETED or FIRST_EXCEPTION"},
    {"recipe.missing_repeat_steps", "missing: the steps to repeat"},
    {"recipe.missing_with_steps", "missing: the steps to run while holding it"},
    {"recipe.bad_put_value", "must be a string or a number, not {type}"},
    {"recipe.relative_url",
     "a relative URL needs the sandbox's HTTP base (option http.base); give an absolute http(s) URL"},
    {"recipe.bad_url", "{detail}"},
    {"recipe.origin_not_allowed", "origin {origin} is not in the sandbox's HTTP allow-list ({allowed})"},
    {"recipe.bad_method", "must be GET, POST, PUT, PATCH, DELETE or HEAD"},
    {"recipe.no_storage", "store and file steps need the sandbox's storage folder (option storage.dir; CLI --data DIR)"},
    {"recipe.missing_value", "missing: the value to store (any JSON)"},
    {"recipe.missing_text", "missing: the text to write"},
    {"recipe.value_too_large", "larger than {max} bytes (limit max_value_bytes)"},
    {"recipe.not_file_name",
     "must be a plain file name (letters, digits, '.', '_', '-'; not starting with '.'): files live in "
     "the sandbox's folder, so no '/', '..' or absolute paths"},
    {"recipe.reserved_device",
     "'{name}' is a reserved device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension)"},
    {"recipe.missing_timeout", "missing: wait_for needs a timeout in seconds"},
    {"recipe.not_lock", "'{name}' is declared at {declared}, which is not a lock or semaphore"},
    {"recipe.not_event", "'{name}' is declared at {declared}, which is not a event"},
    {"recipe.not_queue", "'{name}' is declared at {declared}, which is not a queue"},
    {"recipe.no_lock", "no lock or semaphore named '{name}' in $.resources"},
    {"recipe.no_event", "no event named '{name}' in $.resources"},
    {"recipe.no_queue", "no queue named '{name}' in $.resources"},
    {"recipe.too_large", "the recipe is larger than {max} bytes (limit max_recipe_bytes)"},
    {"recipe.too_nested", "nested more than {max} levels deep (limit max_depth)"},
    {"recipe.bad_json", "not valid JSON: {detail}"},
    // Limits hit while a recipe runs (interpreter.cpp): the run's error.
    {"limit.max_steps", "the recipe ran more than {max} steps (limit max_steps)"},
    {"limit.max_duration", "the recipe ran longer than its limit of {max} s (limit max_duration)"},
    {"limit.max_tasks", "the recipe created more than {max} tasks (limit max_tasks)"},
    {"limit.max_live_tasks", "the recipe had more than {max} tasks alive at once (limit max_live_tasks)"},
    {"limit.max_written_bytes", "the recipe's store and file steps wrote more than {max} bytes (limit max_written_bytes)"},
    {"limit.max_queued_bytes", "the recipe's queues held more than {max} bytes (limit max_queued_bytes)"},
    // The deadlock report (session.cpp): its heading, the wait cycle, one line per waiting task.
    {"deadlock.heading", "deadlock: nothing is ready, no timer or I/O is pending, and {count} task(s) wait"},
    {"deadlock.cycle", "wait cycle: {links}"},
    {"deadlock.held_by", "{task} waits on {wait} held by {next}"},
    {"deadlock.awaits", "{task} waits on {wait} -> {next}"},
    {"deadlock.waits", "{task} waits on {wait}"},
    {"deadlock.waits_why", "{task} waits on {wait}: {why}"},
    {"deadlock.lock_not_free", "nobody holds it, yet it is not free"},
    {"deadlock.event_unset", "no task that could set it can run"},
    {"deadlock.queue_empty", "it is empty and no task that could put to it can run"},
    {"deadlock.queue_full", "it is full and no task that could get from it can run"},
    {"deadlock.never_completes", "nothing can complete it"},
    // What a waiting task waits on (the deadlock report's {wait}).
    {"wait.queue_get", "queue '{name}' (get)"},
    {"wait.queue_put", "queue '{name}' (put)"},
    {"wait.resource", "{kind} '{name}'"},
    {"wait.ready", "nothing (ready)"},
    {"wait.task", "task '{name}'"},
    {"wait.other", "{what}"},
};

const message_info* find(std::string_view code) {
    for (const auto& m : table)
        if (code == m.code) return &m;
    return nullptr;
}

// The "{name}"s of a template, in order.
std::vector<std::string_view> names_in(std::string_view english) {
    std::vector<std::string_view> names;
    for (std::size_t open; (open = english.find('{')) != std::string_view::npos;) {
        std::size_t close = english.find('}', open);
        names.push_back(english.substr(open + 1, close - open - 1));
        english.remove_prefix(close + 1);
    }
    return names;
}

}  // namespace

std::span<const message_info> message_table() { return table; }

std::string message::text() const {
    std::string_view english = info->english;
    std::string out;
    for (std::size_t open, i = 0; (open = english.find('{')) != std::string_view::npos; ++i) {
        out.append(english.substr(0, open)).append(values[i]);
        english.remove_prefix(english.find('}', open) + 1);
    }
    return out.append(english);
}

nlohmann::json message::to_json() const {
    nlohmann::json params = nlohmann::json::object();
    auto names = names_in(info->english);
    for (std::size_t i = 0; i < names.size(); ++i) params[std::string(names[i])] = values[i];
    return {{"code", info->code}, {"params", std::move(params)}};
}

message msg(std::string_view code, std::initializer_list<std::string_view> values) {
    const message_info* info = find(code);
    if (!info) throw std::logic_error("no message code " + std::string(code));
    if (names_in(info->english).size() != values.size())
        throw std::logic_error("wrong parameter count for " + std::string(code));
    return {info, std::vector<std::string>(values.begin(), values.end())};
}

}  // namespace aio::sandbox
