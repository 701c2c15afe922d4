// The store's log format (aio/store.hpp, native and Node): writing records and reading a log
// back. Kept apart from the file I/O so the reader can be fuzzed and tested on plain bytes.
//
// Log file: "AIOLOG1\n", then records: u32 payload length (LE), u32 CRC-32 of the payload (LE),
// payload = compact JSON, either {"ops":[[op, store, key?, value?], ...]} (one committed
// transaction; op is put/del/clear/create/drop) or {"snapshot":[[store, [[key, value], ...]], ...]}.
#pragma once

#include "aio/store.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aio::store::detail {

struct write_op {
    enum kind_t : std::uint8_t { put, del, clear, create, drop } kind;
    std::string store;
    key k{};
    json value{};
};

using rows = std::map<key, json>;
using store_map = std::map<std::string, rows>;  // store name -> its records

inline constexpr std::string_view log_magic{"AIOLOG1\n", 8};
inline constexpr std::size_t record_header = 8;
inline constexpr std::uint32_t max_record = 1u << 30;

std::uint32_t crc32(std::string_view data);
// One record: header + payload.
std::string frame(std::string_view payload);
// The record of one committed transaction.
std::string ops_record(const std::vector<write_op>& ops);
// A record holding the whole state (what compaction writes after the magic).
std::string snapshot_record(const store_map& data);

void apply(store_map& data, const write_op& op);

struct log_scan {
    bool fresh = false;          // empty, or cut short inside the magic (killed while creating it)
    std::size_t good_bytes = 0;  // the valid prefix: magic + whole records that replayed
    std::uint64_t records = 0;   // records replayed
    std::uint64_t ops = 0;       // ops replayed since the last snapshot
    bool damaged = false;        // good_bytes is a bad record that is not a torn tail (see below)
};

// Replays a log file's content into `data` (which should start empty): every whole record in
// order, stopping at the first bad one (fails its checksum or does not make sense). A record is
// applied whole or not at all. A bad record is a torn tail (the bytes from good_bytes on may be
// cut off) only when it is the last thing in the file and visibly unfinished: its header or
// payload runs past the end, or the file ends in zero bytes (space allocated, never written).
// Anything else (a bad record followed by an intact one, or a whole last record that fails its
// checksum) is damage: `damaged` is set and nothing may be cut. corrupt_error: not a store log.
log_scan replay_log(std::string_view content, store_map& data);

// The offset of the first intact record (checksum and JSON object) starting after `from`, or npos.
std::size_t next_intact_record(std::string_view content, std::size_t from);

struct repair_scan {
    std::string content;           // the repaired log: the magic and every intact record, in order
    std::uint64_t kept = 0;        // records kept
    std::uint64_t dropped_bytes = 0;
    std::vector<std::size_t> damage;  // offsets where a damaged stretch began
};
// Keeps every record that is intact and replays, skipping damaged stretches. corrupt_error when
// there is no store log in it at all.
repair_scan repair_log(std::string_view content);

}  // namespace aio::store::detail
