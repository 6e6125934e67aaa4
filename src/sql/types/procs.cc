// The built-in function table (procs_data.cc, made by procs_data.sql and parsed once) and
// the regproc and regprocedure types' input and output functions.

#include "sql/types/procs.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#include "sql/types/type.h"

namespace datacave::sql {

extern const std::string_view kPgProcRows;

namespace {

std::vector<std::string_view> SplitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (size_t bar = line.find('|'); bar != std::string_view::npos; bar = line.find('|', start)) {
    fields.push_back(line.substr(start, bar - start));
    start = bar + 1;
  }
  fields.push_back(line.substr(start));
  return fields;
}

uint32_t ToOid(std::string_view s) {
  uint32_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::vector<ProcInfo> ParseRows() {
  std::vector<ProcInfo> procs;
  size_t start = 0;
  while (start < kPgProcRows.size()) {
    size_t end = kPgProcRows.find('\n', start);
    if (end == std::string_view::npos) end = kPgProcRows.size();
    const std::string_view line = kPgProcRows.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    const auto f = SplitFields(line);
    if (f.size() != 21) continue;  // procs_data.cc is checked by a unit test
    ProcInfo p;
    p.oid = ToOid(f[0]);
    p.name = f[1];
    p.regproc = f[2];
    p.regprocedure = f[3];
    p.name_unique = !p.regproc.starts_with("pg_catalog.");
    p.kind = f[4].empty() ? 'f' : f[4][0];
    p.return_type = ToOid(f[5]);
    p.returns_set = f[6] == "t";
    for (size_t i = 0; i < f[7].size();) {
      size_t space = f[7].find(' ', i);
      if (space == std::string_view::npos) space = f[7].size();
      p.arg_types.push_back(ToOid(f[7].substr(i, space - i)));
      i = space + 1;
    }
    p.strict = f[8] == "t";
    p.leakproof = f[9] == "t";
    p.volatility = f[10].empty() ? 'v' : f[10][0];
    p.parallel = f[11].empty() ? 'u' : f[11][0];
    p.variadic = ToOid(f[12]);
    p.support = ToOid(f[13]);
    p.cost = std::stof(std::string(f[14]));
    p.rows = std::stof(std::string(f[15]));
    p.language = ToOid(f[16]);
    p.source = f[17];
    p.arg_names = f[18];
    p.all_arg_types = f[19];
    p.arg_modes = f[20];
    procs.push_back(std::move(p));
  }
  std::sort(procs.begin(), procs.end(),
            [](const ProcInfo& a, const ProcInfo& b) { return a.oid < b.oid; });
  return procs;
}

// An OID written as such: "-" (none, 0) or digits; nullopt for a name.
std::optional<uint32_t> WrittenOid(std::string_view text) {
  if (text == "-") return 0;
  if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != text.npos) {
    return std::nullopt;
  }
  const uint64_t oid = std::stoull(std::string(text));
  if (oid > UINT32_MAX) return std::nullopt;
  return static_cast<uint32_t>(oid);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

Status Error(const char* sqlstate, std::string message) {
  return Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::move(message));
}

// PostgreSQL's stringToQualifiedNameList: dot-separated names, each trimmed, "quoted" parts
// as written ("" is a quote), others lower-cased.
Result<std::vector<std::string>> SplitQualifiedName(std::string_view text) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (true) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::string part;
    if (i < text.size() && text[i] == '"') {
      for (++i; i < text.size(); ++i) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            part += '"';
            ++i;
            continue;
          }
          break;
        }
        part += text[i];
      }
      if (i >= text.size()) return Error("42602", "invalid name syntax");
      ++i;
    } else {
      while (i < text.size() && text[i] != '.' && text[i] != ' ') {
        const char c = text[i++];
        part += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      }
    }
    if (part.empty()) return Error("42602", "invalid name syntax");
    parts.push_back(std::move(part));
    while (i < text.size() && text[i] == ' ') ++i;
    if (i == text.size()) break;
    if (text[i] != '.') return Error("42602", "invalid name syntax");
    ++i;
  }
  if (parts.size() > 3) {
    return Error("42601",
                 "improper qualified name (too many dotted names): " + std::string(Trim(text)));
  }
  return parts;
}

// The functions named by a possibly qualified name.
Result<std::vector<const ProcInfo*>> FindByName(std::string_view text) {
  DC_ASSIGN_OR_RETURN(auto parts, SplitQualifiedName(text));
  if (parts.size() == 3) {
    // database.schema.name: only the current database, which is not checked here.
    parts.erase(parts.begin());
  }
  std::vector<const ProcInfo*> found;
  if (parts.size() == 2 && parts[0] != "pg_catalog") {
    if (parts[0] != "public" && parts[0] != "information_schema") {
      return Error("3F000", "schema \"" + parts[0] + "\" does not exist");
    }
    return found;  // no functions there
  }
  for (const ProcInfo& p : BuiltinProcs()) {
    if (p.name == parts.back()) found.push_back(&p);
  }
  return found;
}

// A regprocedure argument's type: a pseudo-type or catalog type by name, or a type
// LookupType knows ("int4", "integer", "text[]", "character varying(10)").
Result<uint32_t> ArgTypeOid(std::string_view text) {
  std::string name;
  for (char c : Trim(text)) name += c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  for (const SignatureType& t : SignatureTypes()) {
    if (t.name == name || (name == "any" && t.oid == 2276)) return t.oid;
  }
  std::string base = name;
  const bool array = base.size() > 2 && base.ends_with("[]");
  if (array) base.resize(base.size() - 2);
  if (const size_t paren = base.find('('); paren != std::string::npos) {
    base = std::string(Trim(base.substr(0, paren)));  // a modifier does not change the type
  }
  auto type = LookupType(base, {}, array);
  if (!type.ok()) return Error("42704", "type \"" + std::string(Trim(text)) + "\" does not exist");
  return TypeOid(type->id);
}

constexpr SignatureType kSignatureTypes[] = {
    {"cstring", 2275},       {"\"any\"", 2276},
    {"anyarray", 2277},      {"internal", 2281},
    {"anyelement", 2283},    {"anynonarray", 2776},
    {"anycompatible", 5077}, {"anycompatiblearray", 5078},
    {"record", 2249},        {"anycompatiblenonarray", 5079},
    {"void", 2278},          {"name", 19},
    {"\"char\"", 18},        {"regclass", 2205},
    {"regtype", 2206},       {"regrole", 4096},
    {"regnamespace", 4089},
};

}  // namespace

std::span<const SignatureType> SignatureTypes() {
  return kSignatureTypes;
}

const std::vector<ProcInfo>& BuiltinProcs() {
  static const std::vector<ProcInfo> procs = ParseRows();
  return procs;
}

const ProcInfo* FindProc(uint32_t oid) {
  const auto& procs = BuiltinProcs();
  auto it = std::lower_bound(procs.begin(), procs.end(), oid,
                             [](const ProcInfo& p, uint32_t o) { return p.oid < o; });
  return it != procs.end() && it->oid == oid ? &*it : nullptr;
}

namespace {
// The output functions: "-" for 0, a function's name as `field` holds it, else the digits.
std::string NameOf(uint32_t oid, std::string ProcInfo::*field) {
  if (oid == 0) return "-";
  const ProcInfo* p = FindProc(oid);
  return p ? p->*field : std::to_string(oid);
}
}  // namespace

Result<uint32_t> RegprocIn(std::string_view text) {
  const std::string shown(text);
  if (auto oid = WrittenOid(text)) return *oid;
  DC_ASSIGN_OR_RETURN(auto found, FindByName(text));
  if (found.empty()) return Error("42883", "function \"" + shown + "\" does not exist");
  if (found.size() > 1 || !found[0]->name_unique) {
    return Error("42725", "more than one function named \"" + shown + "\"");
  }
  return found[0]->oid;
}

std::string RegprocOut(uint32_t oid) {
  return NameOf(oid, &ProcInfo::regproc);
}

Result<uint32_t> RegprocedureIn(std::string_view text) {
  const std::string shown(text);
  if (auto oid = WrittenOid(text)) return *oid;
  const size_t open = text.find('(');
  if (open == std::string_view::npos) return Error("22P02", "expected a left parenthesis");
  const std::string_view rest = Trim(text.substr(open + 1));
  if (rest.empty() || rest.back() != ')') return Error("22P02", "expected a right parenthesis");
  std::vector<uint32_t> args;
  const std::string_view list = Trim(rest.substr(0, rest.size() - 1));
  for (size_t i = 0, depth = 0, start = 0; !list.empty() && i <= list.size(); ++i) {
    if (i < list.size() && list[i] == '(') ++depth;
    if (i < list.size() && list[i] == ')' && depth > 0) --depth;
    if (i == list.size() || (list[i] == ',' && depth == 0)) {
      DC_ASSIGN_OR_RETURN(uint32_t arg, ArgTypeOid(list.substr(start, i - start)));
      args.push_back(arg);
      start = i + 1;
    }
  }
  DC_ASSIGN_OR_RETURN(auto found, FindByName(text.substr(0, open)));
  for (const ProcInfo* p : found) {
    if (p->arg_types == args) return p->oid;
  }
  return Error("42883", "function \"" + shown + "\" does not exist");
}

std::string RegprocedureOut(uint32_t oid) {
  return NameOf(oid, &ProcInfo::regprocedure);
}

}  // namespace datacave::sql
