// Embind bindings of the sandbox session (session.hpp) for the JS package in web/, in every
// sandbox module (the page's aio_sandbox_module, the widgets'). Calls that can fail return JSON
// text (binding_results.hpp). Events reach JS in batches (session::flush), never one call per
// event. What only some modules have binds in its own file, linked or not: share_link_bindings,
// store_bindings, python_bindings, python_io_bindings.
#include "binding_results.hpp"
#include "protocol.hpp"
#include "session.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <variant>

namespace aio::sandbox::bindings {

std::string recipe_error_json(const recipe_error& e) {
    json j{{"ok", false}, {"error", e.message().to_json()}};  // the reason as code and params too
    auto& error = j["error"];
    error["type"] = "RecipeError";
    error["message"] = e.what();
    error["path"] = e.path();
    error["reason"] = e.reason();
    return text_of(j);
}

}  // namespace aio::sandbox::bindings

namespace {

using aio::sandbox::session;
using aio::sandbox::bindings::guarded;
using aio::sandbox::bindings::json;

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

    // The session itself, for the entries of what only some modules link (binding_results.hpp's
    // session_of: share links, the store, Python), so that the lean modules carry none of it.
    double handle() { return static_cast<double>(reinterpret_cast<std::uintptr_t>(session_.get())); }

    std::string validate(std::string recipe) {
        return guarded([&] {
            aio::sandbox::parse_recipe(recipe, session_->options().bounds, session_->options().http, session_->options().storage);
            return json{{"ok", true}}.dump();
        });
    }

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
    void set_listener(emscripten::val fn) { listener_ = std::move(fn); }
    void flush() { session_->flush(); }

private:
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
        .function("cancel", &js_session::cancel)
        .function("pause", &js_session::pause)
        .function("resume", &js_session::resume)
        .function("paused", &js_session::paused)
        .function("step", &js_session::step)
        .function("setSpeed", &js_session::set_speed)
        .function("snapshot", &js_session::snapshot)
        .function("setListener", &js_session::set_listener)
        .function("flush", &js_session::flush);
}
