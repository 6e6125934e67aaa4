#include "core/config.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <toml.hpp>

#include "core/password.h"

namespace datacave {
namespace {

namespace fs = std::filesystem;

// Where a value came from, for error messages: "config.toml:12" or "--listen".
struct Origin {
  std::string config_file;

  std::string Of(const toml::value& v) const {
    auto loc = v.location();
    if (loc.file_name() == config_file) return loc.file_name() + ":" + std::to_string(loc.line());
    return loc.file_name();
  }
  bool FromFile(const toml::value& v) const { return v.location().file_name() == config_file; }
};

std::string TypeName(const toml::value& v) {
  std::ostringstream out;
  out << v.type();
  return out.str();
}

// Reads the keys of one [section] table, remembering which keys it consumed so that the
// rest can be reported as unknown.
class SectionReader {
 public:
  SectionReader(const Origin& origin, std::string section, const toml::value* table)
      : origin_(origin), section_(std::move(section)), table_(table) {}

  const toml::value* Find(const std::string& key) {
    consumed_.insert(key);
    if (table_ == nullptr) return nullptr;
    const auto& t = table_->as_table();
    auto it = t.find(key);
    return it == t.end() ? nullptr : &it->second;
  }

  Status Error(const toml::value& v, const std::string& key, const std::string& problem) const {
    return Status::InvalidArgument(origin_.Of(v) + ": " + section_ + "." + key + ": " + problem);
  }

  Status Int(const std::string& key, int64_t min, int64_t max, int64_t* out) {
    const toml::value* v = Find(key);
    if (v == nullptr) return Status::Ok();
    if (!v->is_integer()) return Error(*v, key, "expected an integer, got " + TypeName(*v));
    int64_t n = v->as_integer();
    if (n < min || n > max) {
      return Error(*v, key,
                   "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                       ", got " + std::to_string(n));
    }
    *out = n;
    return Status::Ok();
  }

  Status Bool(const std::string& key, bool* out) {
    const toml::value* v = Find(key);
    if (v == nullptr) return Status::Ok();
    if (!v->is_boolean()) return Error(*v, key, "expected true or false, got " + TypeName(*v));
    *out = v->as_boolean();
    return Status::Ok();
  }

  Status String(const std::string& key, std::string* out) {
    const toml::value* v = Find(key);
    if (v == nullptr) return Status::Ok();
    if (!v->is_string()) return Error(*v, key, "expected a string, got " + TypeName(*v));
    *out = v->as_string().str;
    return Status::Ok();
  }

  // A path: relative paths from the file are taken relative to the file's directory.
  // An empty string means "not set" where allow_empty.
  Status Path(const std::string& key, std::string* out, bool allow_empty = true) {
    DC_RETURN_IF_ERROR(String(key, out));
    const toml::value* v = Find(key);
    if (v == nullptr || (out->empty() && allow_empty)) return Status::Ok();
    if (out->empty()) return Error(*v, key, "must not be empty");
    if (origin_.FromFile(*v) && fs::path(*out).is_relative()) {
      *out = (fs::path(origin_.config_file).parent_path() / *out).lexically_normal().string();
      if (out->empty()) *out = ".";
    }
    return Status::Ok();
  }

  Status Address(const std::string& key, HostPort* out) {
    std::string text;
    DC_RETURN_IF_ERROR(String(key, &text));
    const toml::value* v = Find(key);
    if (v == nullptr) return Status::Ok();
    auto parsed = ParseHostPort(text);
    if (!parsed.ok()) return Error(*v, key, parsed.status().message());
    *out = std::move(parsed).value();
    return Status::Ok();
  }

  Status Size(const std::string& key, uint64_t min, uint64_t* out) {
    const toml::value* v = Find(key);
    if (v == nullptr) return Status::Ok();
    Result<uint64_t> size = Status::InvalidArgument("");
    if (v->is_integer()) {
      if (v->as_integer() < 0) return Error(*v, key, "must not be negative");
      size = static_cast<uint64_t>(v->as_integer());
    } else if (v->is_string()) {
      size = ParseByteSize(v->as_string().str);
      if (!size.ok()) return Error(*v, key, size.status().message());
    } else {
      return Error(*v, key,
                   "expected a size (bytes, or a string such as \"64MB\"), got " + TypeName(*v));
    }
    if (*size < min) return Error(*v, key, "must be at least " + std::to_string(min) + " bytes");
    *out = *size;
    return Status::Ok();
  }

  template <typename E>
  Status Choice(const std::string& key, const std::vector<std::pair<std::string, E>>& choices,
                E* out) {
    std::string text;
    DC_RETURN_IF_ERROR(String(key, &text));
    const toml::value* v = Find(key);
    if (v == nullptr) return Status::Ok();
    std::string names;
    for (const auto& [name, value] : choices) {
      if (name == text) {
        *out = value;
        return Status::Ok();
      }
      names += (names.empty() ? "\"" : ", \"") + name + "\"";
    }
    return Error(*v, key, "must be one of " + names + ", got \"" + text + "\"");
  }

  // Accepted by the format but not built yet: a value other than the default is refused.
  template <typename T>
  Status NotImplementedUnless(const std::string& key, const T& value, const T& default_value,
                              const std::string& when) {
    const toml::value* v = Find(key);
    if (v == nullptr || value == default_value) return Status::Ok();
    return Error(*v, key, "is not implemented yet (" + when + ")");
  }

  Status Finish() const {
    if (table_ == nullptr) return Status::Ok();
    // Report the first unknown key in file order, so the message is deterministic.
    const toml::value* first = nullptr;
    std::string first_key;
    for (const auto& [key, value] : table_->as_table()) {
      if (consumed_.count(key)) continue;
      if (first == nullptr || value.location().line() < first->location().line()) {
        first = &value;
        first_key = key;
      }
    }
    if (first == nullptr) return Status::Ok();
    return Error(*first, first_key, "unknown key");
  }

 private:
  const Origin& origin_;
  const std::string section_;
  const toml::value* table_;
  std::set<std::string> consumed_;
};

Status ReadServer(SectionReader& r, Config::Server* s) {
  DC_RETURN_IF_ERROR(r.Address("listen", &s->listen));
  DC_RETURN_IF_ERROR(r.Int("max_connections", 1, 100'000, &s->max_connections));
  constexpr int64_t kDay = 24ll * 3600 * 1000;
  DC_RETURN_IF_ERROR(r.Int("statement_timeout_ms", 0, kDay, &s->statement_timeout_ms));
  DC_RETURN_IF_ERROR(r.Int("idle_in_transaction_session_timeout_ms", 0, kDay,
                           &s->idle_in_transaction_session_timeout_ms));
  DC_RETURN_IF_ERROR(
      r.Int("authentication_timeout_ms", 100, 600'000, &s->authentication_timeout_ms));
  DC_RETURN_IF_ERROR(r.Int("worker_threads", 0, 1024, &s->worker_threads));
  DC_RETURN_IF_ERROR(r.Int("shutdown_timeout_ms", 0, 3'600'000, &s->shutdown_timeout_ms));
  DC_RETURN_IF_ERROR(r.Size("query_memory_limit", 1ull << 20, &s->query_memory_limit));
  DC_RETURN_IF_ERROR(r.Int("parallel_workers_per_query", 0, 64, &s->parallel_workers_per_query));
  std::vector<std::pair<std::string, std::string>> levels = {
      {"debug", "debug"}, {"info", "info"}, {"warn", "warn"}, {"error", "error"}};
  return r.Choice("log_level", levels, &s->log_level);
}

// The config spellings of the storage choices; WalSyncName and CompressionName read them
// back.
const std::vector<std::pair<std::string, WalSync>>& WalSyncChoices() {
  static const std::vector<std::pair<std::string, WalSync>> kChoices = {
      {"commit", WalSync::kCommit}, {"periodic", WalSync::kPeriodic}, {"off", WalSync::kOff}};
  return kChoices;
}
const std::vector<std::pair<std::string, Compression>>& CompressionChoices() {
  static const std::vector<std::pair<std::string, Compression>> kChoices = {
      {"none", Compression::kNone}, {"lz4", Compression::kLz4}, {"zstd", Compression::kZstd}};
  return kChoices;
}

template <typename E>
std::string_view ChoiceName(const std::vector<std::pair<std::string, E>>& choices, E value) {
  for (const auto& [name, v] : choices) {
    if (v == value) return name;
  }
  return "?";
}

Status ReadStorage(SectionReader& r, Config::Storage* s) {
  DC_RETURN_IF_ERROR(r.Path("path", &s->path, /*allow_empty=*/false));
  DC_RETURN_IF_ERROR(r.Choice<WalSync>("wal_sync", WalSyncChoices(), &s->wal_sync));
  DC_RETURN_IF_ERROR(r.Int("wal_sync_interval_ms", 1, 60'000, &s->wal_sync_interval_ms));
  DC_RETURN_IF_ERROR(r.Size("memtable_size", 1ull << 20, &s->memtable_size));
  DC_RETURN_IF_ERROR(r.Size("block_cache_size", 0, &s->block_cache_size));
  return r.Choice<Compression>("compression", CompressionChoices(), &s->compression);
}

Status ReadCluster(SectionReader& r, Config::Cluster* c) {
  DC_RETURN_IF_ERROR(r.Int("shards", 1, 1024, &c->shards));
  DC_RETURN_IF_ERROR(r.Int("replication_factor", 1, 7, &c->replication_factor));
  DC_RETURN_IF_ERROR(
      r.NotImplementedUnless("shards", c->shards, int64_t{1}, "hash sharding is a later step"));
  return r.NotImplementedUnless("replication_factor", c->replication_factor, int64_t{1},
                                "replication is a later step");
}

Status ReadMetrics(SectionReader& r, Config::Metrics* m) {
  DC_RETURN_IF_ERROR(r.Bool("enabled", &m->enabled));
  return r.Address("listen", &m->listen);
}

Status ReadTls(SectionReader& r, Config::Tls* t) {
  DC_RETURN_IF_ERROR(r.Bool("enabled", &t->enabled));
  DC_RETURN_IF_ERROR(r.Path("cert_file", &t->cert_file));
  DC_RETURN_IF_ERROR(r.Path("key_file", &t->key_file));
  // Whether the files load and match is checked when the server starts (exit code 1).
  if (!t->enabled) return Status::Ok();
  const char* missing = t->cert_file.empty() ? "cert_file" : t->key_file.empty() ? "key_file" : "";
  if (*missing == '\0') return Status::Ok();
  return r.Error(*r.Find("enabled"), "enabled",
                 std::string("needs tls.") + missing + " (a PEM file)");
}

Status ReadAudit(SectionReader& r, Config::Audit* a) {
  DC_RETURN_IF_ERROR(r.Bool("enabled", &a->enabled));
  DC_RETURN_IF_ERROR(r.Path("path", &a->path));
  return r.NotImplementedUnless("enabled", a->enabled, false, "audit logging is a later step");
}

Status ReadEncryption(SectionReader& r, Config::Encryption* e) {
  DC_RETURN_IF_ERROR(r.Bool("enabled", &e->enabled));
  DC_RETURN_IF_ERROR(r.Path("key_file", &e->key_file));
  return r.NotImplementedUnless("enabled", e->enabled, false, "encryption at rest is a later step");
}

Status ReadAuth(const Origin& origin, SectionReader& r, Config::Auth* a) {
  DC_RETURN_IF_ERROR(r.Choice<AuthMethod>("method",
                                          {{"scram-sha-256", AuthMethod::kScramSha256},
                                           {"md5", AuthMethod::kMd5},
                                           {"password", AuthMethod::kPassword},
                                           {"trust", AuthMethod::kTrust}},
                                          &a->method));
  DC_RETURN_IF_ERROR(r.Bool("allow_cleartext_without_tls", &a->allow_cleartext_without_tls));
  const toml::value* users = r.Find("users");
  if (users == nullptr) return Status::Ok();
  if (!users->is_array()) {
    return r.Error(*users, "users",
                   "expected an array of tables ([[auth.users]]), got " + TypeName(*users));
  }
  std::set<std::string> seen;
  for (const toml::value& entry : users->as_array()) {
    if (!entry.is_table()) {
      return r.Error(entry, "users", "expected a table ([[auth.users]]), got " + TypeName(entry));
    }
    SectionReader user(origin, "auth.users", &entry);
    UserEntry u;
    DC_RETURN_IF_ERROR(user.String("name", &u.name));
    DC_RETURN_IF_ERROR(user.String("password_hash", &u.password_hash));
    DC_RETURN_IF_ERROR(user.Finish());
    if (u.name.empty()) return r.Error(entry, "users", "every user needs a non-empty name");
    if (!seen.insert(u.name).second) {
      return user.Error(*user.Find("name"), "name", "user \"" + u.name + "\" is listed twice");
    }
    if (const toml::value* hash = user.Find("password_hash")) {
      // An MD5 hash ("md5" + hex) serves auth.method "md5" and "password", as in PostgreSQL.
      // Under "scram-sha-256" PostgreSQL would let such a user fail every login; we refuse
      // the configuration instead, so the mistake shows at start-up.
      if (IsMd5PasswordHash(u.password_hash)) {
        if (a->method == AuthMethod::kScramSha256) {
          return user.Error(*hash, "password_hash",
                            "user \"" + u.name +
                                "\" has an MD5 password hash, which cannot log in with "
                                "auth.method \"scram-sha-256\"; give it a SCRAM-SHA-256 "
                                "verifier from `datacave gen-password-hash`");
        }
      } else {
        auto parsed = ScramVerifier::Parse(u.password_hash);
        if (!parsed.ok()) return user.Error(*hash, "password_hash", parsed.status().message());
      }
    } else if (a->method != AuthMethod::kTrust) {
      return r.Error(
          entry, "users",
          "user \"" + u.name + "\" needs a password_hash unless auth.method is \"trust\"");
    }
    a->users.push_back(std::move(u));
  }
  return Status::Ok();
}

Result<toml::value> ParseOverrideValue(const ConfigOverride& o) {
  // Try the text as a TOML value first; a bare word such as /tmp/data becomes a string.
  auto parse = [&](const std::string& text) -> std::optional<toml::value> {
    std::istringstream in("v = " + text);
    try {
      return toml::parse(in, o.origin).as_table().at("v");
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  std::optional<toml::value> value;
  if (!o.is_string) value = parse(o.value);
  if (!value && o.value.find("'''") == std::string::npos &&
      o.value.find('\n') == std::string::npos) {
    value = parse("'''" + o.value + "'''");
  }
  if (!value) return Status::InvalidArgument(o.origin + ": cannot parse the value for " + o.key);
  return std::move(*value);
}

Status ApplyOverride(toml::value* root, const ConfigOverride& o) {
  auto dot = o.key.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == o.key.size() ||
      o.key.find('.', dot + 1) != std::string::npos) {
    return Status::InvalidArgument(o.origin + ": \"" + o.key +
                                   "\" is not a section.key name such as server.listen");
  }
  DC_ASSIGN_OR_RETURN(toml::value value, ParseOverrideValue(o));
  std::string section = o.key.substr(0, dot);
  toml::value& table = root->as_table()[section];
  if (table.is_uninitialized()) table = toml::table{};
  if (!table.is_table()) {
    return Status::InvalidArgument(o.origin + ": " + section + " is not a section");
  }
  table.as_table()[o.key.substr(dot + 1)] = std::move(value);
  return Status::Ok();
}

}  // namespace

std::string_view WalSyncName(WalSync wal_sync) {
  return ChoiceName(WalSyncChoices(), wal_sync);
}
std::string_view CompressionName(Compression compression) {
  return ChoiceName(CompressionChoices(), compression);
}

std::string HostPort::ToString() const {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

Result<HostPort> ParseHostPort(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("\"" + std::string(text) + "\" is not host:port (" + why + ")");
  };
  HostPort out;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return bad("expected [address]:port");
    }
    out.host = std::string(text.substr(1, close - 1));
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return bad("missing :port");
    out.host = std::string(text.substr(0, colon));
    port = text.substr(colon + 1);
    if (out.host.find(':') != std::string::npos) return bad("write IPv6 addresses in brackets");
  }
  if (out.host.empty()) return bad("missing host");
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return bad("port must be a number from 0 to 65535");
  }
  out.port = static_cast<uint16_t>(value);
  return out;
}

Result<uint64_t> ParseByteSize(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("\"" + std::string(text) +
                                   "\" is not a size (examples: 1048576, \"512kB\", \"64MB\", "
                                   "\"1GB\")");
  };
  uint64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data()) return bad();
  std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  static const std::map<std::string_view, int> kShift = {{"", 0},    {"B", 0},   {"kB", 10},
                                                         {"MB", 20}, {"GB", 30}, {"TB", 40}};
  auto it = kShift.find(unit);
  if (it == kShift.end()) return bad();
  if (it->second > 0 && number > (UINT64_MAX >> it->second)) return bad();
  return number << it->second;
}

std::vector<ConfigOverride> OverridesFromEnvironment() {
  static const std::pair<const char*, const char*> kVariables[] = {
      {"DATACAVE_LISTEN", "server.listen"},
      {"DATACAVE_DATA_DIR", "storage.path"},
      {"DATACAVE_METRICS_LISTEN", "metrics.listen"},
      {"DATACAVE_LOG_LEVEL", "server.log_level"},
  };
  std::vector<ConfigOverride> out;
  for (const auto& [variable, key] : kVariables) {
    if (const char* value = std::getenv(variable)) {
      out.push_back({key, value, std::string("environment variable ") + variable, true});
    }
  }
  return out;
}

Result<Config> LoadConfig(const std::string& path, const std::vector<ConfigOverride>& overrides) {
  Origin origin{path};
  toml::value root;
  try {
    root = toml::parse(path);
  } catch (const toml::syntax_error& e) {
    return Status::InvalidArgument(path + ": syntax error:\n" + e.what());
  } catch (const std::exception& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
  for (const auto& o : overrides) DC_RETURN_IF_ERROR(ApplyOverride(&root, o));

  Config config;
  // The default data directory, like a path written in the file, sits beside the file.
  config.storage.path = (fs::path(path).parent_path() / "data").string();
  std::map<std::string, std::function<Status(SectionReader&)>> sections = {
      {"server", [&](SectionReader& r) { return ReadServer(r, &config.server); }},
      {"storage", [&](SectionReader& r) { return ReadStorage(r, &config.storage); }},
      {"cluster", [&](SectionReader& r) { return ReadCluster(r, &config.cluster); }},
      {"metrics", [&](SectionReader& r) { return ReadMetrics(r, &config.metrics); }},
      {"tls", [&](SectionReader& r) { return ReadTls(r, &config.tls); }},
      {"auth", [&](SectionReader& r) { return ReadAuth(origin, r, &config.auth); }},
      {"audit", [&](SectionReader& r) { return ReadAudit(r, &config.audit); }},
      {"encryption", [&](SectionReader& r) { return ReadEncryption(r, &config.encryption); }},
  };
  for (const auto& [name, value] : root.as_table()) {
    if (!sections.count(name)) {
      return Status::InvalidArgument(origin.Of(value) + ": " + name + ": unknown " +
                                     (value.is_table() ? "section" : "key"));
    }
    if (!value.is_table()) {
      return Status::InvalidArgument(origin.Of(value) + ": " + name +
                                     ": expected a [section], got " + TypeName(value));
    }
  }
  for (auto& [name, read] : sections) {
    auto it = root.as_table().find(name);
    SectionReader reader(origin, name, it == root.as_table().end() ? nullptr : &it->second);
    DC_RETURN_IF_ERROR(read(reader));
    DC_RETURN_IF_ERROR(reader.Finish());
  }
  // Without TLS, method "password" could only ever refuse every client (or, allowed, read
  // passwords off the network): say so now rather than at the first login.
  if (config.auth.method == AuthMethod::kPassword && !config.tls.enabled &&
      !config.auth.allow_cleartext_without_tls) {
    SectionReader auth(origin, "auth", &root.as_table().at("auth"));
    return auth.Error(*auth.Find("method"), "method",
                      "\"password\" sends passwords in cleartext: enable [tls], or set "
                      "auth.allow_cleartext_without_tls = true to accept that");
  }
  // Make the data directory absolute, so that logs and lock messages name it unambiguously.
  // A path from the file is already relative to the file; an override's is relative to the
  // working directory, where the user typed it.
  if (fs::path(config.storage.path).is_relative()) {
    config.storage.path = (fs::current_path() / config.storage.path).lexically_normal().string();
  }
  return config;
}

}  // namespace datacave
