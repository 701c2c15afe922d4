#include "recipe.hpp"
#include "protocol.hpp"

#include "aio/http.hpp"
#include "utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>

namespace aio::sandbox {

namespace {

using json = nlohmann::json;

const char* type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::discarded: return "nothing";
        default: return "a number";
    }
}

std::string op_list() {
    std::string text;
    for (const auto& o : step_kinds()) text += std::string(text.empty() ? "" : ", ") + o.name;
    return text;
}

class parser {
public:
    parser(const limits& bounds, const http_access& http, const storage_access& storage)
        : bounds_(bounds), http_(http), storage_(storage) {
        if (http_.allow) {
            try {
                allow_.emplace(*http_.allow);
            } catch (const std::invalid_argument& e) {
                fail("$", "recipe.bad_allow_list", {e.what()});
            }
        }
    }

    recipe parse(const json& root) {
        recipe r;
        r.bounds = bounds_;
        r.http = http_;
        r.storage = storage_;
        expect_object(root, "$");
        for (auto& [key, value] : root.items()) {
            if (key != "version" && key != "title" && key != "resources" && key != "main")
                fail("$." + key, "recipe.unknown_field");
        }
        if (root.contains("version")) {
            const json& v = root["version"];
            if (!v.is_number() || v.get<double>() != 1) fail("$.version", "recipe.bad_version");
        }
        if (root.contains("title")) r.title = string_at(root["title"], "$.title");
        if (root.contains("resources")) parse_resources(root["resources"], r);
        if (!root.contains("main")) fail("$.main", "recipe.missing_main");
        const json& main = root["main"];
        if (main.is_array()) {
            r.main.name = "main";
            r.main.path = "$.main";
            r.main.steps = parse_steps(main, "$.main", 1);
        } else {
            r.main = parse_task(main, "$.main", 1);
            if (r.main.name.empty()) r.main.name = "main";
        }
        declare_task(r.main);
        for (const auto& [name, path] : awaited_)
            if (!task_names_.count(name)) fail(path, "recipe.no_such_task", {name});
        r.awaited = std::move(awaited_names_);
        return r;
    }

private:
    // Call sites name the code and its values only: the message is built here, once.
    [[noreturn]] void fail(const std::string& path, std::string_view code, std::initializer_list<std::string_view> values = {}) {
        throw recipe_error(path, msg(code, values));
    }

    void expect_object(const json& j, const std::string& path) {
        if (!j.is_object()) fail(path, "recipe.not_object", {type_name(j)});
    }

    std::string string_at(const json& j, const std::string& path, std::size_t max_length = 1000) {
        if (!j.is_string()) fail(path, "recipe.not_string", {type_name(j)});
        auto s = j.get<std::string>();
        if (s.size() > max_length && utf8::length(s) > max_length)
            fail(path, "recipe.too_long", {std::to_string(max_length)});
        return s;
    }

    std::string name_at(const json& j, const std::string& path) {
        std::string s = string_at(j, path, 100);
        if (s.empty()) fail(path, "recipe.empty");
        return s;
    }

    // `unit`: "seconds" or "milliseconds" (the codes recipe.not_UNIT and recipe.UNIT_range).
    double number_at(const json& j, const std::string& path, double min, double max, const std::string& unit) {
        if (!j.is_number()) fail(path, "recipe.not_" + unit, {type_name(j)});
        double d = j.get<double>();
        if (!std::isfinite(d) || d < min || d > max)
            fail(path, "recipe." + unit + "_range", {format(min), format(max)});
        return d;
    }

    // JSON has one number type: 1.0 is the whole number 1 (as in JSON Schema's "integer").
    long integer_at(const json& j, const std::string& path, long min, long max) {
        if (!j.is_number()) fail(path, "recipe.not_whole", {type_name(j)});
        if (j.is_number_float()) {
            double d = j.get<double>();
            if (!std::isfinite(d) || d != std::floor(d)) fail(path, "recipe.not_whole", {format(d)});
            if (d < static_cast<double>(min) || d > static_cast<double>(max))
                range_error(path, min, max);
            return static_cast<long>(d);
        }
        if (j.is_number_unsigned() && j.get<unsigned long long>() > static_cast<unsigned long long>(max))
            range_error(path, min, max);
        long v = j.get<long>();
        if (v < min || v > max) range_error(path, min, max);
        return v;
    }

    [[noreturn]] void range_error(const std::string& path, long min, long max) {
        fail(path, "recipe.whole_range", {std::to_string(min), std::to_string(max)});
    }

    static std::string format(double d) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", d);
        return text;
    }

    void claim_resource(const std::string& name, const std::string& path) {
        if (!resource_kinds_.emplace(name, path).second) fail(path, "recipe.name_twice", {name});
    }

    void parse_resources(const json& res, recipe& r) {
        expect_object(res, "$.resources");
        for (auto& [key, value] : res.items()) {
            std::string path = "$.resources." + key;
            if (key == "locks" || key == "events") {
                if (!value.is_array()) fail(path, "recipe.not_name_array", {type_name(value)});
                for (std::size_t i = 0; i < value.size(); ++i) {
                    std::string item_path = path + "[" + std::to_string(i) + "]";
                    std::string name = name_at(value[i], item_path);
                    claim_resource(name, item_path);
                    (key == "locks" ? r.locks : r.events).push_back(name);
                    (key == "locks" ? lock_names_ : event_names_).insert(name);
                }
            } else if (key == "semaphores" || key == "queues") {
                expect_object(value, path);
                for (auto& [name, v] : value.items()) {
                    std::string item_path = path + "." + name;
                    if (name.empty()) fail(item_path, "recipe.empty_name");
                    claim_resource(name, item_path);
                    if (key == "semaphores") {
                        r.semaphores[name] = integer_at(v, item_path, 0, 1'000'000);
                        lock_names_.insert(name);
                    } else {
                        r.queues[name] = integer_at(v, item_path, 0, 1'000'000);
                        queue_names_.insert(name);
                    }
                }
            } else {
                fail(path, "recipe.unknown_resource_kind");
            }
        }
    }

    task_spec parse_task(const json& j, const std::string& path, std::size_t depth) {
        if (depth > bounds_.max_depth) fail(path, "recipe.too_deep", {std::to_string(bounds_.max_depth)});
        expect_object(j, path);
        task_spec t;
        t.path = path;
        for (auto& [key, value] : j.items())
            if (key != "name" && key != "steps") fail(path + "." + key, "recipe.unknown_task_field");
        if (j.contains("name")) t.name = name_at(j["name"], path + ".name");
        if (!j.contains("steps")) fail(path + ".steps", "recipe.missing_task_steps");
        t.steps = parse_steps(j["steps"], path + ".steps", depth);
        return t;
    }

    void declare_task(const task_spec& t) {
        if (t.name.empty()) return;
        if (!task_names_.insert(t.name).second) fail(t.path + ".name", "recipe.task_twice", {t.name});
    }

    std::vector<task_spec> parse_tasks(const json& j, const std::string& path, std::size_t depth) {
        if (!j.is_array()) fail(path, "recipe.not_task_array", {type_name(j)});
        if (j.empty()) fail(path, "recipe.no_tasks");
        std::vector<task_spec> tasks;
        for (std::size_t i = 0; i < j.size(); ++i) {
            tasks.push_back(parse_task(j[i], path + "[" + std::to_string(i) + "]", depth + 1));
            declare_task(tasks.back());
        }
        return tasks;
    }

    std::vector<step> parse_steps(const json& j, const std::string& path, std::size_t depth) {
        if (!j.is_array()) fail(path, "recipe.not_step_array", {type_name(j)});
        std::vector<step> steps;
        for (std::size_t i = 0; i < j.size(); ++i) steps.push_back(parse_step(j[i], path + "[" + std::to_string(i) + "]", depth));
        return steps;
    }

    step parse_step(const json& j, const std::string& path, std::size_t depth) {
        expect_object(j, path);
        const step_info* found = nullptr;
        for (const auto& o : step_kinds()) {
            if (!j.contains(o.name)) continue;
            if (found) fail(path, "recipe.two_operations", {found->name, o.name});
            found = &o;
        }
        if (!found) {
            std::string keys;
            for (auto& [key, value] : j.items()) keys += (keys.empty() ? "" : ", ") + key;
            if (keys.empty()) fail(path, "recipe.no_operation", {op_list()});
            fail(path, "recipe.no_operation_has", {keys, op_list()});
        }
        for (auto& [key, value] : j.items()) {
            if (key == found->name) continue;
            bool allowed = false;
            for (const auto& m : found->modifiers) allowed = allowed || key == m.name;
            if (!allowed) fail(path + "." + key, "recipe.not_a_field", {found->name});
        }
        step s;
        s.kind = found->kind;
        s.path = path;
        std::string at = path + "." + found->name;
        const json& arg = j[found->name];
        switch (s.kind) {
            case step::op::sleep: s.seconds = number_at(arg, at, 0, bounds_.max_duration, "seconds"); break;
            case step::op::print:
            case step::op::raise: s.text = string_at(arg, at); break;
            case step::op::cpu:
            case step::op::to_thread: s.ms = number_at(arg, at, 0, bounds_.max_cpu_ms, "milliseconds"); break;
            case step::op::spawn: {
                s.tasks.push_back(parse_task(arg, at, depth + 1));
                if (s.tasks[0].name.empty()) fail(at + ".name", "recipe.spawn_needs_name");
                declare_task(s.tasks[0]);
                break;
            }
            case step::op::await_task:
            case step::op::cancel:
                s.text = name_at(arg, at);
                awaited_.emplace_back(s.text, at);
                if (s.kind == step::op::await_task) awaited_names_.insert(s.text);
                break;
            case step::op::http: parse_http(j, path, at, s); break;
            case step::op::store_put:
            case step::op::store_get:
            case step::op::store_delete:
            case step::op::write_file:
            case step::op::read_file: parse_storage_step(j, path, at, s); break;
            case step::op::gather:
                s.tasks = parse_tasks(arg, at, depth);
                if (j.contains("return_exceptions")) {
                    if (!j["return_exceptions"].is_boolean()) fail(path + ".return_exceptions", "recipe.not_boolean");
                    s.return_exceptions = j["return_exceptions"].get<bool>();
                }
                break;
            case step::op::wait:
                s.tasks = parse_tasks(arg, at, depth);
                if (j.contains("return_when")) {
                    s.return_when = string_at(j["return_when"], path + ".return_when");
                    if (s.return_when != "ALL_COMPLETED" && s.return_when != "FIRST_COMPLETED" && s.return_when != "FIRST_EXCEPTION")
                        fail(path + ".return_when", "recipe.bad_return_when");
                }
                parse_timeout(j, path, s, false);
                break;
            case step::op::as_completed:
                s.tasks = parse_tasks(arg, at, depth);
                parse_timeout(j, path, s, false);
                break;
            case step::op::wait_for:
                s.tasks.push_back(parse_task(arg, at, depth + 1));
                declare_task(s.tasks[0]);
                parse_timeout(j, path, s, true);
                break;
            case step::op::task_group: s.tasks = parse_tasks(arg, at, depth); break;
            case step::op::repeat:
                s.times = static_cast<std::size_t>(integer_at(arg, at, 0, static_cast<long>(bounds_.max_repeat)));
                if (!j.contains("steps")) fail(path + ".steps", "recipe.missing_repeat_steps");
                if (depth + 1 > bounds_.max_depth) fail(path, "recipe.too_deep", {std::to_string(bounds_.max_depth)});
                s.body = parse_steps(j["steps"], path + ".steps", depth + 1);
                break;
            case step::op::acquire:
            case step::op::release:
            case step::op::with:
                s.text = resource_at(arg, at, lock_names_, "lock");
                if (s.kind == step::op::with) {
                    if (!j.contains("steps")) fail(path + ".steps", "recipe.missing_with_steps");
                    if (depth + 1 > bounds_.max_depth) fail(path, "recipe.too_deep", {std::to_string(bounds_.max_depth)});
                    s.body = parse_steps(j["steps"], path + ".steps", depth + 1);
                }
                break;
            case step::op::set:
            case step::op::clear:
            case step::op::wait_event: s.text = resource_at(arg, at, event_names_, "event"); break;
            case step::op::put:
                s.text = resource_at(arg, at, queue_names_, "queue");
                if (j.contains("value")) {
                    const json& v = j["value"];
                    if (v.is_string()) {
                        s.value = string_at(v, path + ".value");
                    } else if (v.is_number()) {
                        s.value = v.dump();
                    } else {
                        fail(path + ".value", "recipe.bad_put_value", {type_name(v)});
                    }
                }
                break;
            case step::op::get: s.text = resource_at(arg, at, queue_names_, "queue"); break;
        }
        return s;
    }

    // {"http": URL, "method": "GET", "body": "...", "timeout": 5}: the URL (relative ones are
    // joined to the sandbox's base) must be on the allow-list, checked now, before anything runs.
    void parse_http(const json& j, const std::string& path, const std::string& at, step& s) {
        s.text = string_at(j["http"], at, 2000);
        std::string url = s.text;
        if (!url.empty() && url.front() == '/') {
            if (http_.base.empty()) fail(at, "recipe.relative_url");
            url = http_.base + url;
        }
        try {
            url = aio::http::detail::join_url("", url);
            aio::http::origin_of(url);
        } catch (const aio::http::error& e) {
            fail(at, "recipe.bad_url", {e.what()});
        }
        if (allow_ && !allow_->allows(url))
            fail(at, "recipe.origin_not_allowed", {aio::http::origin_of(url), allow_->describe()});
        s.value = "GET";
        if (j.contains("method")) {
            s.value = string_at(j["method"], path + ".method", 10);
            for (auto& c : s.value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            static const std::set<std::string> methods{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};
            if (!methods.count(s.value)) fail(path + ".method", "recipe.bad_method");
        }
        if (j.contains("body")) s.http_body = string_at(j["body"], path + ".body");
        s.seconds = 30;
        if (j.contains("timeout")) s.seconds = number_at(j["timeout"], path + ".timeout", 0, bounds_.max_duration, "seconds");
    }

    // {"store_put": KEY, "value": JSON}, {"store_get": KEY}, {"store_delete": KEY},
    // {"write_file": NAME, "text": "...", "append": true}, {"read_file": NAME}. File names are
    // data, never paths: a plain name inside the sandbox's folder, checked now.
    void parse_storage_step(const json& j, const std::string& path, const std::string& at, step& s) {
        if (storage_.dir.empty())
            fail(at, "recipe.no_storage");
        bool is_file = s.kind == step::op::write_file || s.kind == step::op::read_file;
        s.text = is_file ? file_name_at(j[to_string(s.kind)], at) : name_at(j[to_string(s.kind)], at);
        if (s.kind == step::op::store_put) {
            if (!j.contains("value")) fail(path + ".value", "recipe.missing_value");
            s.value = j["value"].dump();
            check_size(s.value.size(), path + ".value");
        } else if (s.kind == step::op::write_file) {
            if (!j.contains("text")) fail(path + ".text", "recipe.missing_text");
            s.value = string_at(j["text"], path + ".text", std::string::npos);
            check_size(s.value.size(), path + ".text");
            if (j.contains("append")) {
                if (!j["append"].is_boolean()) fail(path + ".append", "recipe.not_boolean");
                s.append = j["append"].get<bool>();
            }
        }
    }

    void check_size(std::size_t bytes, const std::string& path) {
        if (bytes > bounds_.max_value_bytes)
            fail(path, "recipe.value_too_large", {std::to_string(bounds_.max_value_bytes)});
    }

    std::string file_name_at(const json& j, const std::string& path) {
        std::string name = string_at(j, path, 64);
        if (name.empty()) fail(path, "recipe.empty");
        bool plain = name.front() != '.';
        for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-');
        if (!plain)
            fail(path, "recipe.not_file_name");
        if (reserved_device(name))
            fail(path, "recipe.reserved_device", {name});
        return name;
    }

    // Windows opens a device, not a file, for these names with any extension ("nul.txt"), in any case.
    static bool reserved_device(const std::string& name) {
        std::string stem = name.substr(0, name.find('.'));
        for (auto& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL") return true;
        return stem.size() == 4 && (stem.compare(0, 3, "COM") == 0 || stem.compare(0, 3, "LPT") == 0) && stem[3] >= '1' &&
               stem[3] <= '9';
    }

    void parse_timeout(const json& j, const std::string& path, step& s, bool required) {
        if (!j.contains("timeout")) {
            if (required) fail(path + ".timeout", "recipe.missing_timeout");
            return;
        }
        s.has_timeout = true;
        s.seconds = number_at(j["timeout"], path + ".timeout", 0, bounds_.max_duration, "seconds");
    }

    // `what`: lock (a lock or semaphore), event or queue (the codes recipe.not_WHAT, recipe.no_WHAT).
    std::string resource_at(const json& j, const std::string& path, const std::set<std::string>& names, const char* what) {
        std::string name = name_at(j, path);
        if (!names.count(name)) {
            auto other = resource_kinds_.find(name);
            if (other != resource_kinds_.end())
                fail(path, std::string("recipe.not_") + what, {name, other->second});
            fail(path, std::string("recipe.no_") + what, {name});
        }
        return name;
    }

    const limits& bounds_;
    const http_access& http_;
    const storage_access& storage_;
    std::optional<aio::http::allow_list> allow_;
    std::set<std::string> awaited_names_;
    std::map<std::string, std::string> resource_kinds_;  // name -> where it was declared
    std::set<std::string> lock_names_, event_names_, queue_names_, task_names_;
    std::vector<std::pair<std::string, std::string>> awaited_;  // task name, path
};

}  // namespace

std::size_t json_nesting(std::string_view text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

recipe parse_recipe(std::string_view text, const limits& given, const http_access& http, const storage_access& storage) {
    // Whatever a session asks for, nesting and size stay where parsing and running them fit in memory.
    limits bounds = given;
    bounds.max_depth = std::min(bounds.max_depth, hard_max_depth);
    bounds.max_recipe_bytes = std::min(bounds.max_recipe_bytes, hard_max_recipe_bytes);
    if (text.size() > bounds.max_recipe_bytes)
        throw recipe_error("$", msg("recipe.too_large", {std::to_string(bounds.max_recipe_bytes)}));
    // nlohmann's tree is recursive: refuse absurd nesting before building one.
    std::size_t allowed = bounds.max_depth * 4 + 16;  // max_depth <= hard_max_depth: no overflow
    if (json_nesting(text) > allowed)
        throw recipe_error("$", msg("recipe.too_nested", {std::to_string(allowed)}));
    // Invalid text reads as U+FFFD, as it does when it comes through a JS string.
    std::string clean = utf8::json_lone_surrogates(utf8::well_formed(text));
    json root;
    try {
        root = json::parse(clean.begin(), clean.end(), nullptr, true, false);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for a number like 1e999
        throw recipe_error("$", msg("recipe.bad_json", {e.what()}));
    }
    return parser(bounds, http, storage).parse(root);
}

const std::vector<step_info>& step_kinds() {
    using op = step::op;
    static const std::vector<step_info> all{
        {op::sleep, "sleep", "number", {}},
        {op::print, "print", "string", {}},
        {op::cpu, "cpu", "number", {}},
        {op::to_thread, "to_thread", "number", {}},
        {op::raise, "raise", "string", {}},
        {op::spawn, "spawn", "task", {}},
        {op::await_task, "await", "string", {}},
        {op::cancel, "cancel", "string", {}},
        {op::gather, "gather", "tasks", {{"return_exceptions", "boolean"}}},
        {op::wait, "wait", "tasks", {{"return_when", "string"}, {"timeout", "number"}}},
        {op::as_completed, "as_completed", "tasks", {{"timeout", "number"}}},
        {op::wait_for, "wait_for", "task", {{"timeout", "number", true}}},
        {op::task_group, "task_group", "tasks", {}},
        {op::repeat, "repeat", "integer", {{"steps", "steps", true}}},
        {op::acquire, "acquire", "string", {}},
        {op::release, "release", "string", {}},
        {op::with, "with", "string", {{"steps", "steps", true}}},
        {op::set, "set", "string", {}},
        {op::clear, "clear", "string", {}},
        {op::wait_event, "wait_event", "string", {}},
        {op::put, "put", "string", {{"value", "string|number"}}},
        {op::get, "get", "string", {}},
        {op::http, "http", "string", {{"method", "string"}, {"body", "string"}, {"timeout", "number"}}},
        {op::store_put, "store_put", "string", {{"value", "json", true}}},
        {op::store_get, "store_get", "string", {}},
        {op::store_delete, "store_delete", "string", {}},
        {op::write_file, "write_file", "string", {{"text", "string", true}, {"append", "boolean"}}},
        {op::read_file, "read_file", "string", {}},
    };
    return all;
}

const char* to_string(step::op kind) {
    for (const auto& o : step_kinds())
        if (o.kind == kind) return o.name;
    return "?";
}

}  // namespace aio::sandbox
