// Feeds arbitrary bytes to the SQL lexer, as any client's query text may be. It must return
// tokens or an error, never crash; tokens must lie inside the input, in order, and an error
// must point inside it too.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sql/parser/lexer.h"

using namespace datacave::sql;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view query(reinterpret_cast<const char*>(data), size);
  auto tokens = Lex(query);
  if (!tokens.ok()) {
    if (tokens.status().sqlstate().size() != 5) std::abort();
    if (tokens.status().position() < 0 ||
        static_cast<size_t>(tokens.status().position()) > query.size() + 1) {
      std::abort();
    }
    return 0;
  }
  if (tokens->empty() || tokens->back().kind != TokenKind::kEnd) std::abort();
  uint32_t previous_end = 0;
  for (const Token& t : *tokens) {
    if (t.offset < previous_end || size_t{t.offset} + t.length > query.size()) std::abort();
    if (t.kind == TokenKind::kIdentifier && t.text.size() > kMaxIdentifierLength) std::abort();
    previous_end = t.offset + t.length;
  }
  return 0;
}
