// Module.protocol(): the contract between the session's event stream / options / recipes and JS,
// as plain JS data read from the C++ tables (trace.hpp, session.hpp, recipe.hpp). web/src/events.js
// decodes codes with it, and web/tools/protocol.mjs generates the static copies (type
// declarations, the docs' limits table) from it. Linked into the page's and the widget's module.
#include "messages.hpp"
#include "protocol.hpp"
#include "share_link.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>

namespace {

using emscripten::val;

// The names of a kind table as an array indexed by code - first (the tables are in code order).
template <class Kind, std::size_t N>
val names(const aio::named_kind<Kind> (&table)[N]) {
    val list = val::array();
    for (const auto& k : table) list.call<void>("push", val(k.name));
    return list;
}

val limits() {
    const aio::sandbox::limits defaults{};
    val list = val::array();
    for (const auto& l : aio::sandbox::limit_table) {
        val o = val::object();
        o.set("name", l.name);
        o.set("default", aio::sandbox::limit_value(defaults, l));
        o.set("meaning", l.meaning);
        o.set("checked", l.at_run_time ? "run time" : "validation");
        list.call<void>("push", o);
    }
    return list;
}

val step_kinds() {
    val list = val::array();
    for (const auto& s : aio::sandbox::step_kinds()) {
        val modifiers = val::array();
        for (const auto& m : s.modifiers) {
            val a = val::object();
            a.set("name", m.name);
            a.set("type", m.type);
            a.set("required", m.required);
            modifiers.call<void>("push", a);
        }
        val o = val::object();
        o.set("name", s.name);
        o.set("type", s.type);
        o.set("modifiers", modifiers);
        list.call<void>("push", o);
    }
    return list;
}

// {code: English template} of every message the engine reports (messages.hpp).
val messages() {
    val o = val::object();
    for (const auto& m : aio::sandbox::message_table()) o.set(m.code, m.english);
    return o;
}

val protocol() {
    val p = val::object();
    p.set("record_size", static_cast<double>(aio::sandbox::session::record_size));
    p.set("trace_kinds", names(aio::trace_kind_names));
    p.set("session_kind_base", static_cast<double>(aio::sandbox::stream_kind_names[0].kind));
    p.set("session_kinds", names(aio::sandbox::stream_kind_names));
    p.set("wait_kinds", names(aio::wait_kind_names));
    p.set("outcomes", names(aio::outcome_names));
    p.set("limits", limits());
    val hard = val::object();
    hard.set("max_depth", static_cast<double>(aio::sandbox::hard_max_depth));
    hard.set("max_recipe_bytes", static_cast<double>(aio::sandbox::hard_max_recipe_bytes));
    p.set("hard_limits", hard);
    val link = val::object();  // share links' py= (share_link.hpp)
    link.set("max_python_source_bytes", static_cast<double>(aio::sandbox::max_python_source_bytes));
    link.set("max_python_link_chars", static_cast<double>(aio::sandbox::max_python_link_chars));
    p.set("share_link", link);
    p.set("step_kinds", step_kinds());
    p.set("messages", messages());
    return p;
}

}  // namespace

EMSCRIPTEN_BINDINGS(aio_protocol) { emscripten::function("protocol", &protocol); }
