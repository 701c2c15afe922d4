// Embind bindings of the sandbox session (session.hpp) for the JS package in web/. Built into
// the wasm module target aio_sandbox_module (build/wasm/aio_sandbox.mjs + .wasm). Nothing throws
// across the boundary: calls that can fail return JSON {"ok": true, ...} or
// {"ok": false, "error": {"type", "message", "path"?, "reason"?}}, which the JS wrapper turns
// into Errors. Events reach JS in batches (session::flush), never one call per event.
#include "protocol.hpp"
#include "session.hpp"

#if !AIO_SANDBOX_NO_IO
#include "aio/js.hpp"
#include "aio/store.hpp"
#endif

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <variant>

namespace {

using json = nlohmann::json;
using aio::sandbox::session;

// JSON text for JS. Errors quote outside input, which may not be UTF-8 (a JS string with a lone
// surrogate arrives as such bytes, and nlohmann's parse errors quote them): replace those bytes
// rather than throw out of an error handler.
std::string text_of(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string error_json(const char* type, const std::string& message) {
    return text_of(json{{"ok", false}, {"error", {{"type", type}, {"message", message}}}});
}

// Out of guarded(), which is instantiated once per binding: this is built once in the module.
std::string recipe_error_json(const aio::sandbox::recipe_error& e) {
    json j{{"ok", false}, {"error", e.message().to_json()}};  // the reason as code and params too
    auto& error = j["error"];
    error["type"] = "RecipeError";
    error["message"] = e.what();
    error["path"] = e.path();
    error["reason"] = e.reason();
    return text_of(j);
}

template <class F>
std::string guarded(F&& f) {
    try {
        return f();
    } catch (const aio::sandbox::recipe_error& e) {
        return recipe_error_json(e);
    } catch (const aio::sandbox::share_link_error& e) {
        return text_of(json{{"ok", false},
                            {"error", {{"type", "ShareLinkError"}, {"message", e.what()}, {"key", e.key()}, {"reason", e.reason()}}}});
    } catch (const std::invalid_argument& e) {
        return error_json("InvalidArgument", e.what());
    } catch (const std::exception& e) {
        return error_json("Error", e.what());
    } catch (const aio::base_exception& e) {
        return error_json("Error", e.what());
    }
}

// One limit from the JS options (checked there: a finite number >= 0). A count is clamped to its
// type's range: a huge value means "no limit", and converting a double beyond size_t (32 bits in
// wasm) would be undefined.
template <class T>
void read_limit(const json& limits, const char* name, T& out) {
    auto it = limits.find(name);
    if (it == limits.end() || !it->is_number()) return;
    double v = std::max(it->template get<double>(), 0.0);
    if constexpr (std::is_integral_v<T>) {
        constexpr double top = static_cast<double>(std::numeric_limits<T>::max());
        out = v >= top ? std::numeric_limits<T>::max() : static_cast<T>(v);
    } else {
        out = v;
    }
}

aio::sandbox::session_options parse_options(const std::string& text) {
    aio::sandbox::session_options o;
    o.catalog_path = "/catalog.json";
    json j = json::parse(text.empty() ? "{}" : text, nullptr, false);
    if (!j.is_object()) return o;
    if (j.value("clock", "virtual") == "real") o.clock = aio::clock_kind::real;
    // Absent or null: the clock's default (JSON has no infinity; the JS wrapper omits it).
    if (j.contains("speed") && j["speed"].is_number()) o.speed = j["speed"].get<double>();
    o.paused = j.value("paused", false);
    if (j.contains("limits") && j["limits"].is_object()) {
        const json& l = j["limits"];
        for (const auto& limit : aio::sandbox::limit_table)
            std::visit([&](auto field) { read_limit(l, limit.name, o.bounds.*field); }, limit.field);
    }
    // {"http": {"allow": ["https://api.example.com", ...] | null, "base": "https://...",
    //  "simulate": bool, "record": "off" | "record" | "replay"}}; the JS
    // package always sends a list (its defaults: same origin in a browser, loopback in Node).
    if (j.contains("http") && j["http"].is_object()) {
        const json& h = j["http"];
        if (h.contains("allow") && h["allow"].is_array()) {
            o.http.allow.emplace();
            for (const auto& p : h["allow"])
                if (p.is_string()) o.http.allow->push_back(p.get<std::string>());
        }
        o.http.base = h.value("base", std::string());
        o.http.simulate = h.value("simulate", false);
        const std::string record = h.value("record", std::string("off"));  // the JS package checked it
        o.http.record = record == "record" ? aio::http::recording::record
                      : record == "replay" ? aio::http::recording::replay : aio::http::recording::off;
    }
    // {"storage": {"dir": "/aio-sandbox"}}: where recipes' store and file steps keep their data.
    if (j.contains("storage") && j["storage"].is_object()) o.storage.dir = j["storage"].value("dir", std::string());
    return o;
}

class js_session {
public:
    explicit js_session(std::string options) : session_(std::make_unique<session>(parse_options(options))) {
        session_->set_batch_handler([this](const std::vector<double>& records, const std::vector<std::string>& strings,
                                           std::size_t first_live) {
            if (listener_.isUndefined()) return;
            emscripten::val list = emscripten::val::array();
            for (const auto& s : strings) list.call<void>("push", emscripten::val(s));
            // A view into wasm memory: the listener copies it before returning.
            listener_(emscripten::val(emscripten::typed_memory_view(records.size(), records.data())), list,
                      static_cast<double>(first_live));
        });
    }

    std::string examples() { return session_->examples_json(); }

    std::string run(std::string id, std::string params) {
        return done(guarded([&] {
            std::map<std::string, std::string> values;
            json p = json::parse(params.empty() ? "{}" : params, nullptr, false);
            if (!p.is_object()) throw std::invalid_argument("params must be an object of name: value");
            for (auto& [name, v] : p.items()) values[name] = v.is_string() ? v.get<std::string>() : v.dump();
            auto run_id = session_->run_example(id, values);
            return json{{"ok", true}, {"id", run_id}}.dump();
        }));
    }

    std::string spawn(std::string recipe, bool as_run) {
        return done(guarded([&] {
            auto id = session_->spawn_recipe(recipe, as_run);
            return json{{"ok", true}, {"id", id}}.dump();
        }));
    }

    // The session itself, for the bindings of what only the page's module links
    // (python_bindings.cpp: spawnPython), so that the widget's lean module carries none of it.
    double handle() { return static_cast<double>(reinterpret_cast<std::uintptr_t>(session_.get())); }

    std::string validate(std::string recipe) {
        return guarded([&] {
            aio::sandbox::parse_recipe(recipe, session_->options().bounds, session_->options().http, session_->options().storage);
            return json{{"ok", true}}.dump();
        });
    }

#if !AIO_SANDBOX_NO_SHARE_LINKS  // the widget opens no share links
    std::string share_link(std::string fragment) {
        return guarded([&] {
            auto link = session_->parse_share_link(fragment);
            if (!link) return json{{"ok", true}, {"link", nullptr}}.dump();
            json j;
            if (link->mode == aio::sandbox::share_link::kind::recipe) {
                j = {{"mode", "recipe"}, {"recipe", link->recipe}};
            } else if (link->mode == aio::sandbox::share_link::kind::python) {
                j = {{"mode", "python"}, {"python", link->python}};
            } else {
                j = {{"mode", "example"}, {"id", link->example}, {"params", link->params}};
            }
            j["speed"] = link->speed ? json(*link->speed) : json(nullptr);
            return json{{"ok", true}, {"link", j}}.dump();
        });
    }
#endif

    bool cancel(double id, std::string message) {
        bool ok = session_->cancel(static_cast<std::uint64_t>(id), message);
        session_->flush();
        return ok;
    }
    void pause() {
        session_->pause();
        session_->flush();
    }
    void resume() {
        session_->resume();
        session_->flush();
    }
    bool paused() { return session_->paused(); }
    std::string step() {
        return done(guarded([&] {
            auto r = session_->step();
            return json{{"ok", true}, {"ran", r.ran}, {"tick", r.tick}, {"time", r.time}}.dump();
        }));
    }
    std::string set_speed(double speed) {
        return done(guarded([&] {
            session_->set_speed(speed);
            return json{{"ok", true}}.dump();
        }));
    }
    std::string snapshot(double limit) {
        return session_->snapshot_json(limit >= 0 ? static_cast<std::size_t>(limit) : static_cast<std::size_t>(-1));
    }
#if !AIO_SANDBOX_NO_IO  // the widget has no store (it loads the full module for storage)
    // aio::store::repair of the storage folder's store (DIR/store.db) as a task on this session's
    // loop (the CLI's `store repair`): a Promise of the result as JSON text; it rejects with the
    // store's error (in use, missing, not a store log, a symbolic link).
    emscripten::val repair_store() {
        auto t = session_->loop().create_task(repaired(session_->options().storage.dir), "store repair");
        return aio::js::to_promise(t);
    }
#endif
    void set_listener(emscripten::val fn) { listener_ = std::move(fn); }
    void flush() { session_->flush(); }

private:
#if !AIO_SANDBOX_NO_IO
    static aio::coro<std::string> repaired(std::string dir) {
        if (dir.empty()) throw std::invalid_argument("this sandbox has no storage folder");
        std::string path = dir + "/store.db";
        aio::store::repair_result r = co_await aio::store::repair(path);
        co_return json{{"path", path}, {"records_kept", r.records_kept}, {"bytes_dropped", r.bytes_dropped},
                       {"damage", r.damage}, {"backup", r.backup}}.dump();
    }
#endif
    std::string done(std::string result) {
        session_->flush();
        return result;
    }
    emscripten::val listener_ = emscripten::val::undefined();
    std::unique_ptr<session> session_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(aio_sandbox) {
    emscripten::class_<js_session>("Session")
        .constructor<std::string>()
        .function("examples", &js_session::examples)
        .function("run", &js_session::run)
        .function("spawn", &js_session::spawn)
        .function("handle", &js_session::handle)
        .function("validate", &js_session::validate)
#if !AIO_SANDBOX_NO_SHARE_LINKS
        .function("shareLink", &js_session::share_link)
#endif
        .function("cancel", &js_session::cancel)
        .function("pause", &js_session::pause)
        .function("resume", &js_session::resume)
        .function("paused", &js_session::paused)
        .function("step", &js_session::step)
        .function("setSpeed", &js_session::set_speed)
        .function("snapshot", &js_session::snapshot)
#if !AIO_SANDBOX_NO_IO
        .function("repairStore", &js_session::repair_store)
#endif
        .function("setListener", &js_session::set_listener)
        .function("flush", &js_session::flush);
}
