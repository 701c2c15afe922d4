// The store's log format (aio/detail/store_log.hpp): framing, CRC-32, encoding and replay.
#include "aio/detail/store_log.hpp"

#include <array>
#include <stdexcept>

namespace aio::store::detail {

namespace {

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::uint32_t get_u32(std::string_view in, std::size_t at) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    return v;
}

json encode(const write_op& op) {
    switch (op.kind) {
    case write_op::put: return json::array({"put", op.store, op.k.to_json(), op.value});
    case write_op::del: return json::array({"del", op.store, op.k.to_json()});
    case write_op::clear: return json::array({"clear", op.store});
    case write_op::create: return json::array({"create", op.store});
    case write_op::drop: return json::array({"drop", op.store});
    }
    return json();
}

// One record's payload, applied to `data`; throws (std::exception) if it does not make sense.
// Returns the ops replayed (0 for a snapshot, which resets the count).
std::uint64_t replay_record(const json& doc, store_map& data, std::uint64_t ops_so_far) {
    if (auto it = doc.find("snapshot"); it != doc.end()) {
        // Built aside and swapped in: a snapshot that fails half-way must leave nothing behind.
        store_map snapshot;
        for (const auto& s : *it) {
            auto& m = snapshot[s.at(0).get<std::string>()];
            for (const auto& row : s.at(1)) m[key::from_json(row.at(0))] = row.at(1);
        }
        data = std::move(snapshot);
        return 0;
    }
    std::vector<write_op> ops;
    for (const auto& e : doc.at("ops")) {
        std::string kind = e.at(0).get<std::string>();
        write_op op{write_op::put, e.at(1).get<std::string>()};
        if (kind == "put") {
            op.k = key::from_json(e.at(2));
            op.value = e.at(3);
        } else if (kind == "del") {
            op.kind = write_op::del;
            op.k = key::from_json(e.at(2));
        } else if (kind == "clear") {
            op.kind = write_op::clear;
        } else if (kind == "create") {
            op.kind = write_op::create;
        } else if (kind == "drop") {
            op.kind = write_op::drop;
        } else {
            throw std::runtime_error("unknown op " + kind);
        }
        ops.push_back(std::move(op));
    }
    // Validated whole before any of it is applied.
    for (const auto& op : ops) apply(data, op);
    return ops_so_far + ops.size();
}

}  // namespace

std::uint32_t crc32(std::string_view data) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

std::string frame(std::string_view payload) {
    std::string out;
    out.reserve(record_header + payload.size());
    put_u32(out, static_cast<std::uint32_t>(payload.size()));
    put_u32(out, crc32(payload));
    out += payload;
    return out;
}

std::string ops_record(const std::vector<write_op>& ops) {
    json list = json::array();
    for (const auto& op : ops) list.push_back(encode(op));
    try {
        return frame(json{{"ops", std::move(list)}}.dump());
    } catch (const json::type_error& e) {  // a string (key, store name or value) that is not UTF-8
        throw error(std::string("cannot write the transaction to the log: ") + e.what());
    }
}

std::string snapshot_record(const store_map& data) {
    json stores = json::array();
    for (const auto& [n, m] : data) {
        json rows = json::array();
        for (const auto& [k, v] : m) rows.push_back(json::array({k.to_json(), v}));
        stores.push_back(json::array({n, std::move(rows)}));
    }
    return frame(json{{"snapshot", std::move(stores)}}.dump());
}

void apply(store_map& data, const write_op& op) {
    switch (op.kind) {
    case write_op::put: data[op.store][op.k] = op.value; break;
    case write_op::del: data[op.store].erase(op.k); break;
    case write_op::clear: data[op.store].clear(); break;
    case write_op::create: data[op.store]; break;
    case write_op::drop: data.erase(op.store); break;
    }
}

namespace {

// The record at `at` when it is whole and intact (checksum, a JSON object): its length, else 0.
std::size_t intact_at(std::string_view content, std::size_t at, json* doc_out = nullptr) {
    if (at + record_header > content.size()) return 0;
    std::uint32_t len = get_u32(content, at);
    if (len > max_record || len > content.size() - at - record_header) return 0;
    std::string_view payload = content.substr(at + record_header, len);
    if (crc32(payload) != get_u32(content, at + 4)) return 0;
    json doc = json::parse(payload, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return 0;
    if (doc_out) *doc_out = std::move(doc);
    return record_header + len;
}

}  // namespace

std::size_t next_intact_record(std::string_view content, std::size_t from) {
    // Every payload starts with one of these, so only their occurrences need a checksum.
    std::size_t best = std::string_view::npos;
    for (std::string_view start : {std::string_view("{\"ops\":"), std::string_view("{\"snapshot\":")}) {
        for (std::size_t q = content.find(start, from + 1 + record_header); q != std::string_view::npos && q < best;
             q = content.find(start, q + 1)) {
            if (intact_at(content, q - record_header)) {
                best = q - record_header;
                break;
            }
        }
    }
    return best;
}

log_scan replay_log(std::string_view content, store_map& data) {
    log_scan scan;
    if (content.size() < log_magic.size() && log_magic.substr(0, content.size()) == content) {
        scan.fresh = true;
        return scan;
    }
    if (content.substr(0, log_magic.size()) != log_magic) throw corrupt_error("not an aio store log (bad header)");
    std::size_t at = log_magic.size();
    while (at < content.size()) {
        json doc;
        std::size_t n = intact_at(content, at, &doc);
        if (n) {
            try {
                scan.ops = replay_record(doc, data, scan.ops);
            } catch (const std::exception&) {
                n = 0;  // a record that does not make sense: damage
            }
        }
        if (!n) {
            bool overruns = at + record_header > content.size() ||
                            get_u32(content, at) > content.size() - at - record_header;
            bool torn = (overruns || content.back() == '\0') && next_intact_record(content, at) == std::string_view::npos;
            scan.damaged = !torn;
            break;
        }
        ++scan.records;
        at += n;
    }
    scan.good_bytes = at;
    return scan;
}

repair_scan repair_log(std::string_view content) {
    repair_scan out;
    std::size_t at = log_magic.size();
    if (content.substr(0, log_magic.size()) != log_magic) {
        // A damaged header: still a log if an intact record follows it.
        at = next_intact_record(content, 0);
        if (at == std::string_view::npos) throw corrupt_error("not an aio store log (bad header, no intact record)");
        out.damage.push_back(0);
    }
    out.content.assign(log_magic);
    store_map data;
    std::uint64_t ops = 0;
    while (at < content.size()) {
        json doc;
        std::size_t n = intact_at(content, at, &doc);
        if (n) {
            try {
                ops = replay_record(doc, data, ops);  // all or nothing
            } catch (const std::exception&) {
                n = 0;  // does not replay: dropped
            }
        }
        if (n) {
            out.content.append(content.substr(at, n));
            ++out.kept;
            at += n;
            continue;
        }
        std::size_t next = next_intact_record(content, at);
        if (next == std::string_view::npos) next = content.size();
        out.damage.push_back(at);
        out.dropped_bytes += next - at;
        at = next;
    }
    return out;
}

}  // namespace aio::store::detail
