// Helpers shared by the object model's source files (not part of the VM-facing API).
#pragma once

#include "python/exceptions.hpp"
#include "python/text.hpp"

#include "aio/detail/utf8.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aio::py::detail {

// Argument checks for builtin methods; messages follow CPython's.
void no_kwargs(const char* name, const Tuple* kwnames);
void check_args(const char* name, std::size_t nargs, std::size_t min, std::size_t max);
// The value of keyword `name` when given (kwnames form as in NativeFn), else nullptr.
const Value* kwarg(const Value* args, std::size_t nargs, const Tuple* kwnames, std::string_view name);
// An attribute name argument: a str, else CPython's TypeError.
std::string_view attr_name(const Value& v);
// The arguments of a builtin with positional-or-keyword parameters `names`: one value per name
// (None where not given), the first `required` ones required; CPython's TypeErrors for too many,
// unknown, repeated or missing arguments.
std::vector<Value> bind_args(const char* fname, const Value* args, std::size_t nargs, const Tuple* kwnames,
                             std::initializer_list<const char*> names, std::size_t required);
// Rejects keywords other than those listed.
void only_kwargs(const char* fname, const Tuple* kwnames, std::initializer_list<std::string_view> names);

// v as an index: an int/bool or what a user class's __index__ returns; false when v is neither.
bool index_value(const Value& v, std::int64_t& out);
std::int64_t to_index(const Value& v, const char* what);
// An int result past 64 bits: OverflowError (CPython's int would grow; aio's is 64-bit).
[[noreturn]] void int_overflow();  // index_value or TypeError
// An argument that must be an integer (an int subclass or __index__ too), as CPython's
// PyNumber_Index: TypeError "'X' object cannot be interpreted as an integer" otherwise.
std::int64_t as_integer(const Value& v);
// An int, bool, float or a subclass's instance as a double; false for anything else.
bool real_value(const Value& v, double& out);
// Normalizes a possibly negative index; -1 when out of range.
std::int64_t wrap_index(std::int64_t i, std::int64_t length);

// UTF-8 (the runtime's codec: aio/detail/utf8.hpp).
using aio::detail::append_utf8;
using aio::detail::decode_utf8;
std::int64_t count_code_points(std::string_view s);
// str and bytes methods (str.cpp): non-overlapping occurrences of a non-empty `sub`;
// startswith/endswith's test against one value or a tuple of them, `text` giving each one's
// bytes (or raising the method's TypeError).
std::int64_t count_occurrences(std::string_view hay, std::string_view sub);
// center/ljust/rjust (how 0/1/2) of `s`, `length` characters long, to `width` characters of
// `fill` (one character's bytes); zfill; expandtabs (its tabsize argument, then the text with
// columns counted in code points when `utf8`, else in bytes).
std::string padded(std::string_view s, std::int64_t length, std::int64_t width, std::string_view fill, int how);
std::string zero_filled(std::string_view s, std::int64_t length, std::int64_t width);
std::int64_t tabsize_arg(const Value* a, std::size_t n, const Tuple* kw);
std::string tabs_expanded(std::string_view s, std::int64_t tabsize, bool utf8);
bool affix_matches(std::string_view hay, const Value& arg, bool start,
                   const std::function<std::string_view(const Value&)>& text);

// Text codecs (codecs.cpp): what bytes.decode, str(bytes, ...), str.encode and text files use.
enum class codec { utf8, ascii, latin1 };
// The codec a name (any of CPython's aliases) stands for; LookupError for another.
codec find_codec(const std::string& encoding);
// Bytes to a str's UTF-8 and back, with the error handler named `errors` ("strict", ...).
std::string decode_bytes(std::string_view bytes, codec id, const std::string& errors);
std::string encode_str(std::string_view text, codec id, const std::string& errors);
// The same with a call's optional encoding and errors arguments (null: "utf-8", "strict");
// `fname` names the call in their TypeError.
std::string decode_bytes(std::string_view bytes, const Value* encoding, const Value* errors, const char* fname);
std::string encode_str(std::string_view text, const Value* encoding, const Value* errors, const char* fname);
// ascii(): repr text with every non-ASCII character escaped.
std::string ascii_text(std::string_view repr_text);
std::size_t byte_offset(const Str& s, std::int64_t cp_index);  // cp_index in [0, length]

std::string hex_address(const void* p);
std::string int_to_base(std::int64_t v, int base);

// Numbers.
std::int64_t int_hash(std::int64_t v) noexcept;
std::int64_t float_hash(double d) noexcept;
bool num_eq(const Value& a, const Value& b) noexcept;          // both numeric
int num_cmp(const Value& a, const Value& b) noexcept;          // -1, 0, 1; 2 when NaN involved
double to_double(const Value& v);                                // int/bool/float
Value parse_int(std::string_view text, int base);
Value parse_float(std::string_view text);

// int/float/bool arithmetic; false when an operand is not a number.
bool numeric_binary(BinOp op, const Value& a, const Value& b, Value& out);

// Recursion guard for repr of containers that contain themselves.
struct ReprGuard {
    explicit ReprGuard(const Object* o);
    ~ReprGuard();
    bool active;  // false when o is already being printed
};

// Exception attributes (args, __cause__, errno, ...); false when `name` is not one.
bool exception_attr(const Value& v, std::string_view name, Value& out);
std::string exception_str(const Value& v);

// Method tables, one per file, registered on first use.
void init_str_methods();
void init_bytes_methods();
void init_list_methods();
void init_dict_methods();
void init_container_dunders();  // container_dunders.cpp
// A slot wrapper's argument count check, with CPython's "expected 1 argument, got 0".
void slot_args(std::size_t given, std::size_t want, const Tuple* kw, const char* name);
Value set_key(const Value& key);  // set.cpp: a set as a lookup key is its frozenset
// MemoryError for a string or sequence of more than 2**28 items or bytes, the front-end's cap
// (arith.cpp): asked for before allocating, so '...'.ljust(10**18) fails at once.
void check_size(std::int64_t n);
void init_set_methods();
void init_exception_methods();
void init_exception_group_methods();
void init_misc_methods();
void init_number_named_methods();
void init_number_methods();  // int's and float's __add__, __lt__, ... (number_dunders.cpp)
void init_object_methods();  // object.__getattribute__ / __setattr__ / __delattr__
void init_object_dunders();  // object's and builtins' __repr__ __str__ __eq__ __ne__ __hash__ __format__ (object_dunders.cpp)

// A new class from its namespace dict, as type.__new__ (class.cpp): what a class statement and
// type(name, bases, dict) make.
Value make_class(std::string name, std::vector<Type*> bases, const Value& ns);

// A functools.partial's innermost function, else v itself (mod_functools.cpp).
Value unwrap_partial(Value v);
// When fn is a functools.partial: fn becomes its function and its stored arguments join args
// (positional values, then one keyword value per name in kwnames, a tuple or None), as calling
// the partial does; false (nothing changed) otherwise.
bool apply_partial(Value& fn, std::vector<Value>& args, Value& kwnames);

// The builtin behaviour of v's type, never a Python subclass's override (what `super().__repr__()`
// and `object.__hash__(self)` reach): repr.cpp, ops.cpp.
std::string builtin_repr(const Value& v);
// dict == dict: the same keys with equal values, in any order.
bool same_items(const HashTable& x, HashTable& y);
// A type's name as CPython's tp_name: a builtin type of a module qualified ('collections.deque').
std::string tp_name(const Type& t);
bool builtin_eq(const Value& a, const Value& b);
std::int64_t builtin_hash(const Value& v);
std::int64_t identity_hash(const Value& v);  // object.__hash__: by address
// m is a method of `owner` written in C++ (not a class statement's override).
inline bool builtin_method_of(const Value* m, const Type& owner) {
    return m && is(*m, Kind::function) && m->as<NativeFunction>()->owner == &owner;
}

// str % args and str.format
std::string percent_format(const Str& fmt, const Value& args);
std::string format_method(std::string_view fmt, const Value* args, std::size_t nargs,
                          const Tuple* kwnames);

}  // namespace aio::py::detail
