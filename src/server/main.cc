// The datacave binary: `serve`, `gen-password-hash` and `version`.
//
// Exit codes: 0 success; 1 a runtime failure (data directory in use, address taken);
// 2 bad usage or bad configuration (nothing was started).

#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/logging.h"
#include "core/password.h"
#include "server/server.h"

namespace {

using datacave::Config;
using datacave::ConfigOverride;

constexpr int kExitRuntime = 1;
constexpr int kExitUsage = 2;

// Reads one line from standard input without echoing it when stdin is a terminal.
std::string ReadPasswordFromStdin() {
  bool tty = ::isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::cerr << "Password: " << std::flush;
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int GenPasswordHash(const std::string& password_flag, bool password_given,
                    const std::string& md5_user) {
  std::string password = password_given ? password_flag : ReadPasswordFromStdin();
  if (password.empty()) {
    std::cerr << "datacave: the password must not be empty\n";
    return kExitUsage;
  }
  if (!md5_user.empty()) {
    std::cout << datacave::Md5PasswordHash(password, md5_user) << "\n";
    return 0;
  }
  auto verifier = datacave::ScramVerifier::Generate(password);
  if (!verifier.ok()) {
    std::cerr << "datacave: " << verifier.status().message() << "\n";
    return kExitRuntime;
  }
  std::cout << verifier->ToString() << "\n";
  return 0;
}

int Serve(const std::string& config_path, std::vector<ConfigOverride> overrides) {
  // Environment first, then flags: a flag beats the environment, which beats the file.
  std::vector<ConfigOverride> all = datacave::OverridesFromEnvironment();
  all.insert(all.end(), overrides.begin(), overrides.end());
  auto config = datacave::LoadConfig(config_path, all);
  if (!config.ok()) {
    std::cerr << "datacave: " << config.status().message() << "\n";
    return kExitUsage;
  }
  if (auto st = datacave::InitLogging(config->server.log_level); !st.ok()) {
    std::cerr << "datacave: " << st.message() << "\n";
    return kExitUsage;
  }
  auto server = datacave::server::Server::Start(*config);
  if (!server.ok()) {
    spdlog::error("{}", server.status().message());
    return kExitRuntime;
  }
  (*server)->Run();
  // Connections, then the storage, then the data directory lock (see ServerImpl's members).
  server->reset();
  spdlog::info("datacave stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Datacave: a PostgreSQL-compatible SQL database", "datacave"};
  app.require_subcommand(1);

  auto* serve = app.add_subcommand("serve", "Run the server");
  std::string config_path;
  std::string listen, data_dir;
  std::vector<std::string> sets;
  serve->add_option("--config", config_path, "Configuration file (TOML)")->required();
  serve->add_option("--listen", listen, "Override server.listen, e.g. 127.0.0.1:5433");
  serve->add_option("--data-dir", data_dir, "Override storage.path");
  serve->add_option("--set", sets, "Override any key: --set server.max_connections=200")
      ->take_all();

  auto* gen = app.add_subcommand("gen-password-hash",
                                 "Print a SCRAM-SHA-256 verifier for [[auth.users]] "
                                 "password_hash (reads the password from stdin when "
                                 "--password is not given)");
  std::string password;
  auto* password_option = gen->add_option("--password", password, "The password");
  std::string md5_user;
  gen->add_option("--md5-user", md5_user,
                  "Print PostgreSQL's MD5 hash for this user name instead (for auth.method "
                  "\"md5\"; weaker than SCRAM)");

  auto* version = app.add_subcommand("version", "Print the version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (version->parsed()) {
    std::cout << "datacave " << datacave::server::kVersion << "\n";
    return 0;
  }
  if (gen->parsed()) return GenPasswordHash(password, password_option->count() > 0, md5_user);

  std::vector<ConfigOverride> overrides;
  for (const std::string& s : sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos) {
      std::cerr << "datacave: --set " << s << ": expected section.key=value\n";
      return kExitUsage;
    }
    overrides.push_back({s.substr(0, eq), s.substr(eq + 1), "--set " + s});
  }
  if (!listen.empty()) overrides.push_back({"server.listen", listen, "--listen", true});
  if (!data_dir.empty()) overrides.push_back({"storage.path", data_dir, "--data-dir", true});
  return Serve(config_path, std::move(overrides));
}
