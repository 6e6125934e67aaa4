#include "sql/execution/regex.h"

#include <regex.h>

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

Status InvalidRegex(const regex_t* regex, int code) {
  char message[256];
  regerror(code, regex, message, sizeof(message));
  return Status::Sql(StatusCode::kInvalidArgument, "2201B",
                     std::string("invalid regular expression: ") + message);
}

}  // namespace

Result<bool> RegexMatch(std::string_view text, std::string_view pattern, bool case_insensitive) {
  if (text.find('\0') != std::string_view::npos || pattern.find('\0') != std::string_view::npos) {
    return Status::Sql(StatusCode::kInvalidArgument, "22021",
                       "invalid byte sequence for encoding \"UTF8\": 0x00");
  }
  if (pattern.size() > kMaxPatternBytes) {
    return Status::Sql(StatusCode::kInvalidArgument, "2201B",
                       "invalid regular expression: regular expression is too complex");
  }
  // One cached pattern per thread: a filter applies the same constant pattern to every row.
  thread_local std::unique_ptr<Compiled> cache;
  if (!cache || cache->pattern != pattern || cache->case_insensitive != case_insensitive) {
    cache.reset();
    auto compiled = std::make_unique<Compiled>();
    const std::string owned(pattern);
    const int flags = REG_EXTENDED | REG_NOSUB | (case_insensitive ? REG_ICASE : 0);
    const int code = regcomp(&compiled->regex, owned.c_str(), flags);
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
