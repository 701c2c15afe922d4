// Code objects: what the compiler makes of a module, function or class body and the VM runs.
// A stack machine: each instruction is an opcode and one int argument; a line per instruction
// gives tracebacks their line numbers.
#pragma once

#include "python/object.hpp"

#include <string>
#include <vector>

namespace aio::py {

enum class Op : std::uint8_t {
    nop, pop, dup, rot2, rot3,
    load_const, load_name, store_name, delete_name,     // module/class scope: names[arg]
    load_fast, store_fast, delete_fast,                 // function locals: slot arg
    load_global, store_global, delete_global,           // names[arg]
    load_deref, store_deref, delete_deref,              // cells[arg]
    load_attr, store_attr, delete_attr,                 // names[arg]
    load_subscr, store_subscr, delete_subscr,
    binary, inplace, compare, unary,                    // arg = BinOp / CmpOp / UnOp
    is_op, contains_op,                                 // arg 1 = negated
    jump, jump_if_false, jump_if_true,                  // pop, then jump
    jump_if_false_or_pop, jump_if_true_or_pop,
    get_iter, for_iter,                                 // for_iter: next or pop + jump arg
    build_tuple, build_list, build_set, build_dict, build_slice, build_string,
    list_append, set_add, map_add,                      // arg = depth of the container
    list_extend, dict_update,                           // for *x / **x in displays
    unpack, unpack_ex,                                  // arg = count / before | after << 8
    format_value,                                       // arg = conversion | has_spec << 8
    call, call_kw, call_ex,                             // call_kw: kwnames tuple on top
    // obj.name(args) (CPython's LOAD_METHOD / CALL): [obj] -> [method, self] when `name` is a
    // method found on obj's type (no bound method made), else [attribute, None]; then
    // call_method(_kw) arg calls it as `call(_kw)` does with self first when there is one.
    load_method, call_method, call_method_kw,
    make_function,                                      // arg: 1 defaults, 2 kwdefaults, 4 closure
    load_closure,                                       // push cell arg
    return_value, yield_value, get_awaitable, await_, yield_from,  // get_awaitable arg: 0 await, 1 __aenter__, 2 __aexit__
    before_async_with,                                  // [mgr] -> [aexit, aenter()]
    async_exit,                                         // arg 0: [aexit] -> [aexit(None x3)]; 1: [aexit, exc] -> [exc, aexit(type, exc, tb)]
    async_with_end,                                     // [exc, result]: re-raise exc unless result is true
    get_aiter, get_anext,                               // [x] -> [aiter]; [aiter] -> [aiter, awaitable]
    end_async_for,                                      // [aiter, exc]: StopAsyncIteration ends the loop, else re-raise
    raise_,                                             // arg = 0 reraise, 1 exc, 2 exc+cause
    reraise,                                            // pop exception, raise it again
    star_begin,                                         // except*: [exc] -> [exc, raised list, rest]
    star_match,                                         // [.., rest, types] -> [.., rest', match] and handle match; no match: [.., rest] and jump arg
    star_add,                                           // [.., rest, e]: a handler raised e; add it to the list, leave its handler
    star_end,                                           // [exc, list, rest] -> []: raise what is left, or end the handling
    setup_except, setup_finally, pop_block, pop_except, exc_match,
    before_with, exit_with, with_except,
    import_name, import_from, import_star,
    load_build_class, setup_annotations,
    assert_fail,
    load_super_attr,                                    // super().names[arg], self on the stack
    load_super,                                         // [self] -> [super()] (zero-argument super as a value)
};

struct Instr {
    Op op;
    std::int32_t arg;
    std::int32_t line;
    // the source range of the expression it belongs to (tracebacks underline it with ^)
    std::int32_t end_line, col, end_col;
};

extern Type code_type;

struct Code : Object {
    Code() : Object(&code_type) {}
    std::string name, qualname, filename;
    std::vector<Instr> code;
    std::vector<Value> consts;
    std::vector<std::string> names;     // globals/attributes/module-level names
    std::vector<Value> name_keys;       // names as str objects, made at first use (vm.cpp)
    std::vector<LookupCache> method_caches;  // load_method's, one per name, made at first use (vm.cpp)
    std::vector<std::string> varnames;  // local slots; parameters first
    std::vector<std::string> cellvars;  // locals captured by inner functions
    std::vector<std::string> freevars;  // captured from outer functions (after cellvars)
    int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
    bool varargs = false, varkw = false;
    bool is_function = false;  // locals in slots (else a name dict)
    bool is_generator = false, is_coroutine = false;
    int firstlineno = 1;
    Value doc;  // a def's docstring (its first statement, when a str literal), else None
    // cell index of each parameter that is also a cell (-1 when not), filled by the compiler.
    std::vector<int> cell_of_arg;
    // The coroutine's name and file as the loop's reports print them (asyncio_futures.cpp):
    // interned once per Code, so naming a task costs no string work.
    const char* site_function = nullptr;
    const char* site_file = nullptr;
};

}  // namespace aio::py
