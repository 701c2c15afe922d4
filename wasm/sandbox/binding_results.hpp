// What every Embind entry of the sandbox returns: nothing throws across the boundary, so a call
// that can fail returns JSON text {"ok": true, ...} or {"ok": false, "error": {"type", "message",
// ...}}, which the JS package (web/src/index.js) turns into Errors. Shared by bindings.cpp and the
// entries a module links only when it has their part (share links, the store, Python).
#pragma once

#include "recipe.hpp"
#include "session.hpp"

#include "aio/errors.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace aio::sandbox::bindings {

using json = nlohmann::json;

// JSON text for JS. Errors quote outside input, which may not be UTF-8 (a JS string with a lone
// surrogate arrives as such bytes, and nlohmann's parse errors quote them): replace those bytes
// rather than throw out of an error handler.
inline std::string text_of(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

inline std::string error_json(const char* type, const std::string& message) {
    return text_of(json{{"ok", false}, {"error", {{"type", type}, {"message", message}}}});
}

// Out of guarded(), which is instantiated once per binding.
std::string recipe_error_json(const recipe_error& e);

// f()'s JSON text, or the error it threw as JSON text.
template <class F>
std::string guarded(F&& f) {
    try {
        return f();
    } catch (const recipe_error& e) {
        return recipe_error_json(e);
    } catch (const std::invalid_argument& e) {
        return error_json("InvalidArgument", e.what());
    } catch (const std::exception& e) {
        return error_json("Error", e.what());
    } catch (const aio::base_exception& e) {
        return error_json("Error", e.what());
    }
}

// The session behind a JS Session's handle() (bindings.cpp): the entries of the optional parts
// take it as their first argument, as they cannot add methods to the Session class.
inline session& session_of(double handle) {
    return *reinterpret_cast<session*>(static_cast<std::uintptr_t>(handle));
}

}  // namespace aio::sandbox::bindings
