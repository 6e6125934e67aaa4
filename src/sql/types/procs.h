#pragma once

// PostgreSQL 15's built-in functions that Datacave has, by their fixed OIDs: what
// pg_catalog.pg_proc shows, and what the regproc and regprocedure types name. A regproc
// (regprocedure) value is a function's OID that reads and prints as its name (its name and
// argument types): 'pg_catalog.array_in'::regproc is 750 and prints `array_in`;
// 'abs(int4)'::regprocedure is 1397 and prints `abs(integer)`.
//
// The rows are PostgreSQL's own (procs_data.cc): the I/O functions of every type in pg_type
// and the overloads of the functions the binder implements whose types Datacave has. Names
// resolve as in PostgreSQL, which has more functions: a name PostgreSQL overloads is
// ambiguous for regproc even when only one of its overloads is here.
//
// Thread safety: the table is built once (a function-local static) and is immutable.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave::sql {

struct ProcInfo {
  uint32_t oid;
  std::string name;          // proname
  std::string regproc;       // regprocout: the name, qualified and quoted as PostgreSQL does
  std::string regprocedure;  // regprocedureout: "array_in(cstring,oid,integer)"
  bool name_unique;          // PostgreSQL has no other function of this name
  char kind;                 // prokind: 'f' function, 'a' aggregate, 'w' window
  uint32_t return_type;
  bool returns_set;
  std::vector<uint32_t> arg_types;
  bool strict;
  bool leakproof;
  char volatility;  // provolatile: 'i', 's', 'v'
  char parallel;    // proparallel: 's', 'r', 'u'
  uint32_t variadic;
  uint32_t support;
  float cost;
  float rows;
  uint32_t language;  // 12 internal, 14 sql
  std::string source;
  std::string arg_names;      // proargnames in array text form, empty for NULL
  std::string all_arg_types;  // proallargtypes, likewise
  std::string arg_modes;      // proargmodes, likewise
};

// Every function, by ascending OID.
const std::vector<ProcInfo>& BuiltinProcs();
// The function with OID oid, or nullptr.
const ProcInfo* FindProc(uint32_t oid);

// regprocin: "-" is 0, digits are that OID, otherwise a function name, possibly qualified
// by pg_catalog, unquoted parts lower-cased ("ARRAY_IN", "pg_catalog.array_in",
// "\"array_in\""). Errors as PostgreSQL: 42883 function "x" does not exist, 42725 more than
// one function named "x", 3F000 schema "x" does not exist, 42601 for more than three
// dotted names.
Result<uint32_t> RegprocIn(std::string_view text);
// regprocout: "-" for 0, the name, or the OID's digits for a function not here.
std::string RegprocOut(uint32_t oid);

// The types function signatures use beyond Datacave's own: pseudo-types (cstring, anyarray,
// "any" ...), name, "char" and the reg* types, with PostgreSQL's OIDs, named as format_type
// and regtype print them.
struct SignatureType {
  std::string_view name;
  uint32_t oid;
};
std::span<const SignatureType> SignatureTypes();

// regprocedurein: "name(type, ...)" with type names as LookupType reads them or a
// pseudo-type (cstring, internal, anyarray, anyelement, "any" ...). Errors: 22P02 expected
// a left parenthesis, 42704 type "x" does not exist, 42883 function "x" does not exist.
Result<uint32_t> RegprocedureIn(std::string_view text);
// regprocedureout: "array_in(cstring,oid,integer)", or the OID's digits.
std::string RegprocedureOut(uint32_t oid);

}  // namespace datacave::sql
