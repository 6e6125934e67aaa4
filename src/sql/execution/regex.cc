#include "sql/execution/regex.h"

#include <locale.h>
#include <regex.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

namespace datacave::sql {
namespace {

// Patterns longer than this are refused rather than compiled: regcomp's memory grows with
// the pattern and the repetition counts in it.
constexpr size_t kMaxPatternBytes = 64 * 1024;

struct Compiled {
  std::string pattern;
  bool case_insensitive = false;
  regex_t regex;
  bool compiled = false;  // regcomp succeeded, so regfree is due
  ~Compiled() {
    if (compiled) regfree(&regex);
  }
};

// regcomp expands bounded repetitions ({m,n}) into copies of their operand and parses
// parentheses recursively, so a short pattern can take gigabytes (((a{1,100}){1,100}){1,100})
// or the whole stack. Patterns whose nesting or product of repetition bounds goes beyond
// these are refused as too complex, as PostgreSQL refuses patterns its engine cannot hold.
constexpr int kMaxNesting = 100;
constexpr uint64_t kMaxRepetitionProduct = 10000;

bool TooComplex(std::string_view pattern) {
  int depth = 0;
  uint64_t product = 1;
  bool in_bracket = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (in_bracket) {
      if (c == ']') in_bracket = false;
      continue;
    }
    if (c == '[') {
      in_bracket = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // []...] holds a ]
    } else if (c == '(') {
      if (++depth > kMaxNesting) return true;
    } else if (c == ')') {
      --depth;
    } else if (c == '{') {
      // The larger bound of {m}, {m,} or {m,n}; an unbounded one counts as its minimum + 1.
      uint64_t bound = 0, current = 0;
      size_t j = i + 1;
      for (; j < pattern.size() && pattern[j] != '}'; ++j) {
        if (pattern[j] >= '0' && pattern[j] <= '9') {
          current = std::min<uint64_t>(current * 10 + static_cast<uint64_t>(pattern[j] - '0'),
                                       kMaxRepetitionProduct + 1);
        } else {
          bound = std::max(bound, current + 1);
          current = 0;
        }
      }
      bound = std::max(bound, current);
      product *= std::max<uint64_t>(bound, 1);
      if (product > kMaxRepetitionProduct) return true;
      i = j;
    }
  }
  return false;
}

// The ERE regcomp understands for pattern: ARE's non-capturing group `(?:` becomes a plain
// group, which matches the same (SIMILAR TO's translation, similar_to_escape, uses it).
std::string ToPosix(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  bool in_bracket = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    out += c;
    if (c == '\\' && !in_bracket) {
      if (i + 1 < pattern.size()) out += pattern[++i];
    } else if (in_bracket) {
      if (c == ']') in_bracket = false;
    } else if (c == '[') {
      in_bracket = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
    } else if (c == '(' && pattern.substr(i + 1, 2) == "?:") {
      i += 2;
    }
  }
  return out;
}

Status InvalidRegex(const regex_t* regex, int code) {
  char message[256];
  regerror(code, regex, message, sizeof(message));
  return Status::Sql(StatusCode::kInvalidArgument, "2201B",
                     std::string("invalid regular expression: ") + message);
}

// Makes this thread read characters as UTF-8 while it lives, so that `.`, brackets and case
// folding see characters rather than bytes, as PostgreSQL's engine does on UTF8 databases.
// A no-op where the C.UTF-8 locale is missing (bytes, then).
class Utf8Characters {
 public:
  Utf8Characters() {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    if (utf8 != static_cast<locale_t>(0)) previous_ = uselocale(utf8);
  }
  ~Utf8Characters() {
    if (previous_ != static_cast<locale_t>(0)) uselocale(previous_);
  }
  Utf8Characters(const Utf8Characters&) = delete;
  Utf8Characters& operator=(const Utf8Characters&) = delete;

 private:
  locale_t previous_ = static_cast<locale_t>(0);
};

}  // namespace

Result<bool> RegexMatch(std::string_view text, std::string_view pattern, bool case_insensitive) {
  if (text.find('\0') != std::string_view::npos || pattern.find('\0') != std::string_view::npos) {
    return Status::Sql(StatusCode::kInvalidArgument, "22021",
                       "invalid byte sequence for encoding \"UTF8\": 0x00");
  }
  if (pattern.size() > kMaxPatternBytes || TooComplex(pattern)) {
    return Status::Sql(StatusCode::kInvalidArgument, "2201B",
                       "invalid regular expression: regular expression is too complex");
  }
  const Utf8Characters utf8;  // for regcomp and regexec alike
  // One cached pattern per thread: a filter applies the same constant pattern to every row.
  thread_local std::unique_ptr<Compiled> cache;
  if (!cache || cache->pattern != pattern || cache->case_insensitive != case_insensitive) {
    cache.reset();
    auto compiled = std::make_unique<Compiled>();
    const std::string owned(pattern);
    const int flags = REG_EXTENDED | REG_NOSUB | (case_insensitive ? REG_ICASE : 0);
    const int code = regcomp(&compiled->regex, ToPosix(owned).c_str(), flags);
    if (code != 0) return InvalidRegex(&compiled->regex, code);
    compiled->compiled = true;
    compiled->pattern = owned;
    compiled->case_insensitive = case_insensitive;
    cache = std::move(compiled);
  }
  const std::string subject(text);
  const int code = regexec(&cache->regex, subject.c_str(), 0, nullptr, 0);
  if (code == 0) return true;
  if (code == REG_NOMATCH) return false;
  return InvalidRegex(&cache->regex, code);
}

}  // namespace datacave::sql
