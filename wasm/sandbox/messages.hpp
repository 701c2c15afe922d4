// What the engine tells people — recipe validation reasons, limit errors, deadlock reports — as a
// stable code plus named parameters, with each code's English template in one table here. The
// CLI and Node print the English text (filled in from the template); the page renders the code
// and parameters in its own language (web/page/messages.js has the Chinese templates, and a test
// fails if a code of this table has none). Module.protocol().messages gives JS the table.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aio::sandbox {

struct message_info {
    const char* code;
    const char* english;  // "{name}" stands for the parameter `name` (each name used once)
};

// Every code the engine can report, in no particular order (a new one goes anywhere). A plain
// constant array: no construction code and no copies in the widget's module.
std::span<const message_info> message_table();

struct message {
    const message_info* info = nullptr;  // an entry of message_table()
    std::vector<std::string> values;  // the template's parameters, in the order they appear

    const char* code() const { return info->code; }
    std::string text() const;  // the English template, parameters filled in
    nlohmann::json to_json() const;  // {"code": ..., "params": {name: value}}
};

// A message by code, `values` naming the template's parameters in the order they appear
// (std::logic_error for a code not in the table or a wrong count: a bug in the engine). Out of
// line and taking views, so the many call sites stay small in the widget's module.
message msg(std::string_view code, std::initializer_list<std::string_view> values = {});

}  // namespace aio::sandbox
