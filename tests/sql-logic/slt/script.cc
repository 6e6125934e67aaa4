#include "sql-logic/slt/script.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace datacave::slt {
namespace {

std::string_view Trim(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size() && (s[begin] == ' ' || s[begin] == '\t')) begin++;
  size_t end = s.size();
  while (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\t')) end--;
  return s.substr(begin, end - begin);
}

std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') i++;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Directive lines may end in a comment ("onlyif mysql # DIV for integer division").
std::string_view StripComment(std::string_view s) {
  size_t hash = s.find('#');
  return hash == std::string_view::npos ? s : s.substr(0, hash);
}

// Lines of the script with CR stripped (many corpus files use CRLF).
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

bool IsBlank(std::string_view line) {
  return Trim(line).empty();
}

ErrorExpectation ParseExpectation(std::string_view rest) {
  ErrorExpectation e;
  rest = Trim(rest);
  if (rest.starts_with("pgcode ")) {
    rest = Trim(rest.substr(7));
    size_t space = rest.find(' ');
    e.sqlstate = std::string(rest.substr(0, space));
    if (space != std::string_view::npos) e.regex = std::string(Trim(rest.substr(space)));
  } else if (LooksLikeSqlstate(rest)) {
    e.sqlstate = std::string(rest);
  } else {
    e.regex = std::string(rest);
  }
  return e;
}

// Text after the first n tokens of line.
std::string_view AfterTokens(std::string_view line, int n) {
  size_t i = 0;
  for (int t = 0; t < n; t++) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) i++;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') i++;
  }
  return Trim(line.substr(i));
}

class Parser {
 public:
  Parser(std::string_view text, std::string path) : lines_(SplitLines(text)) {
    script_.path = std::move(path);
  }

  Result<Script> Parse() {
    std::vector<Condition> conditions;
    while (next_ < lines_.size()) {
      std::string_view line = lines_[next_];
      int line_number = static_cast<int>(next_) + 1;
      std::string_view trimmed = Trim(line);
      if (trimmed.empty() || trimmed[0] == '#') {
        next_++;
        continue;
      }
      std::vector<std::string_view> tokens = Tokens(StripComment(trimmed));
      std::string_view directive = tokens.empty() ? trimmed : tokens[0];
      next_++;
      if (directive == "skipif" || directive == "onlyif") {
        if (tokens.size() < 2) return Error(line_number, "skipif/onlyif needs an engine name");
        conditions.push_back({directive == "onlyif", std::string(tokens[1])});
        continue;
      }
      if (directive == "subtest") continue;  // a label for humans; nothing to run
      Record record;
      record.line = line_number;
      record.conditions = std::move(conditions);
      conditions.clear();
      if (directive == "statement") {
        DC_RETURN_IF_ERROR(ParseStatement(trimmed, tokens, &record));
      } else if (directive == "query") {
        DC_RETURN_IF_ERROR(ParseQuery(trimmed, tokens, &record));
      } else if (directive == "hash-threshold") {
        record.kind = RecordKind::kHashThreshold;
        if (tokens.size() < 2 || !ParseInt(tokens[1], &record.hash_threshold)) {
          return Error(line_number, "hash-threshold needs a number");
        }
      } else if (directive == "halt") {
        record.kind = RecordKind::kHalt;
      } else if (directive == "mode" && tokens.size() >= 2 &&
                 (tokens[1] == "standard" || tokens[1] == "cockroach" || tokens[1] == "rows")) {
        record.kind = RecordKind::kMode;
        record.mode = tokens[1] == "standard"    ? ResultMode::kStandard
                      : tokens[1] == "cockroach" ? ResultMode::kCockroach
                                                 : ResultMode::kRows;
      } else {
        record.kind = RecordKind::kUnsupported;
        record.text = std::string(trimmed);
        SkipToBlank();
      }
      script_.records.push_back(std::move(record));
    }
    return std::move(script_);
  }

 private:
  Status Error(int line, const std::string& what) const {
    return Status::InvalidArgument(script_.path + ":" + std::to_string(line) + ": " + what);
  }

  template <typename Int>
  static bool ParseInt(std::string_view s, Int* out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
  }

  void SkipToBlank() {
    while (next_ < lines_.size() && !IsBlank(lines_[next_])) next_++;
  }

  // SQL lines up to a blank line or `----` (consumed); true when `----` ended them.
  bool ReadSql(std::string* sql) {
    while (next_ < lines_.size()) {
      std::string_view line = lines_[next_];
      if (IsBlank(line)) return false;
      next_++;
      if (Trim(line) == "----") return true;
      if (!sql->empty()) sql->push_back('\n');
      sql->append(line);
    }
    return false;
  }

  Status ParseStatement(std::string_view line, const std::vector<std::string_view>& tokens,
                        Record* record) {
    record->kind = RecordKind::kStatement;
    std::string_view what = tokens.size() > 1 ? tokens[1] : "";
    if (what == "ok") {
    } else if (what == "error") {
      record->expect_error = true;
      record->error = ParseExpectation(AfterTokens(line, 2));
    } else if (what == "count") {
      int64_t count = 0;
      if (tokens.size() < 3 || !ParseInt(tokens[2], &count)) {
        return Error(record->line, "statement count needs a number");
      }
      record->expected_count = count;
    } else {
      record->kind = RecordKind::kUnsupported;
      record->text = std::string(line);
      SkipToBlank();
      return Status::Ok();
    }
    // sqllogictest-rs writes an expected error message after `----`; we match by regex only.
    if (ReadSql(&record->sql)) SkipToBlank();
    return Status::Ok();
  }

  Status ParseQuery(std::string_view line, const std::vector<std::string_view>& tokens,
                    Record* record) {
    record->kind = RecordKind::kQuery;
    // A bare `query` expects zero columns (Materialize: SELECT * FROM (SELECT)).
    if (tokens.size() >= 2 && tokens[1] == "error") {
      record->expect_error = true;
      record->error = ParseExpectation(AfterTokens(line, 2));
      if (ReadSql(&record->sql)) SkipToBlank();
      return Status::Ok();
    }
    if (tokens.size() >= 2) record->types = std::string(tokens[1]);
    bool multiline = false;
    bool sort_seen = false;
    for (size_t t = 2; t < tokens.size(); t++) {
      // Materialize joins options with commas ("colnames,rowsort").
      std::string_view options = tokens[t];
      while (!options.empty()) {
        size_t comma = options.find(',');
        std::string_view option = options.substr(0, comma);
        options = comma == std::string_view::npos ? "" : options.substr(comma + 1);
        if (option == "nosort" || option == "rowsort" || option == "valuesort") {
          if (sort_seen) return Error(record->line, "two sort modes");
          sort_seen = true;
          record->sort = option == "nosort"    ? SortMode::kNoSort
                         : option == "rowsort" ? SortMode::kRowSort
                                               : SortMode::kValueSort;
        } else if (option == "colnames") {
          record->colnames = true;
        } else if (option == "multiline") {
          multiline = true;
        } else if (record->label.empty() && t >= 3) {
          record->label = std::string(option);
        } else {
          // An option we do not know (partialsort, retry, ...): report it rather than
          // run the query under rules it did not ask for.
          record->kind = RecordKind::kUnsupported;
          record->text = std::string(line);
          SkipToBlank();
          return Status::Ok();
        }
      }
    }
    if (!ReadSql(&record->sql)) return Status::Ok();
    record->has_expected = true;
    while (next_ < lines_.size()) {
      std::string_view expected = lines_[next_];
      if (multiline ? Trim(expected) == "EOF" : IsBlank(expected)) break;
      record->expected.emplace_back(expected);
      next_++;
    }
    if (multiline) SkipToBlank();
    return Status::Ok();
  }

  std::vector<std::string_view> lines_;
  size_t next_ = 0;
  Script script_;
};

}  // namespace

bool LooksLikeSqlstate(std::string_view text) {
  if (text.size() != 5) return false;
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c < 'A' || c > 'Z') {
      return false;
    }
  }
  return digit;
}

Result<Script> ParseScript(std::string_view text, std::string path) {
  return Parser(text, std::move(path)).Parse();
}

Result<Script> ParseScriptFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseScript(buffer.str(), path);
}

}  // namespace datacave::slt
