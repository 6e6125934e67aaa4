// Feeds arbitrary bytes to the SQL parser. It must return statements or an error, never
// crash or overflow the stack; an error must carry a SQLSTATE; and whatever parses must print
// to SQL that parses again and prints the same (the printer's round-trip contract).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/parser/parser.h"

using namespace datacave::sql;

namespace {

std::string PrintAll(const std::vector<datacave::sql::ast::StatementPtr>& statements) {
  std::string out;
  for (const auto& statement : statements) {
    if (!out.empty()) out += "; ";
    out += ToSql(*statement);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view query(reinterpret_cast<const char*>(data), size);
  auto statements = Parse(query);
  if (!statements.ok()) {
    if (statements.status().sqlstate().size() != 5) std::abort();
    return 0;
  }
  const std::string printed = PrintAll(*statements);
  auto reparsed = Parse(printed);
  if (!reparsed.ok()) {
    // Unsupported statements print as their feature name only; everything else must parse.
    for (const auto& statement : *statements) {
      if (statement->kind == ast::StatementKind::kUnsupported) return 0;
    }
    // The printer parenthesises nested operands (`+ + x` prints as `(+ (+ x))`), and each
    // parenthesis is a nesting level, so an input near the depth limit can print beyond it.
    // That refusal is the limit working, not a printing bug.
    if (reparsed.status().sqlstate() == "54001") return 0;
    std::fprintf(stderr, "printed SQL does not parse: %s\n  %s\n", printed.c_str(),
                 reparsed.status().ToString().c_str());
    std::abort();
  }
  if (PrintAll(*reparsed) != printed) {
    std::fprintf(stderr, "print is not a fixpoint:\n  %s\n  %s\n", printed.c_str(),
                 PrintAll(*reparsed).c_str());
    std::abort();
  }
  return 0;
}
