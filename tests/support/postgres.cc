#include "support/postgres.h"

#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

namespace datacave::testing {

std::unique_ptr<PostgresServer> PostgresServer::Start(const Options& options, std::string* error) {
  std::string bin = kPostgresBinDir;
  if (::access((bin + "/postgres").c_str(), X_OK) != 0) {
    *error = "PostgreSQL 15 is not installed at " + bin + " (run scripts/setup)";
    return nullptr;
  }
  std::unique_ptr<PostgresServer> pg(new PostgresServer());
  char tmpl[] = "/tmp/datacave-pg-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    *error = "mkdtemp failed";
    return nullptr;
  }
  pg->dir_ = tmpl;
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
  if (::geteuid() == 0) {
    struct passwd* pw = ::getpwnam("postgres");
    if (pw == nullptr) {
      *error = "running as root but there is no postgres user (run scripts/setup)";
      return nullptr;
    }
    uid = pw->pw_uid;
    gid = pw->pw_gid;
    if (::chown(pg->dir_.c_str(), *uid, *gid) != 0) {
      *error = "cannot chown " + pg->dir_;
      return nullptr;
    }
  }
  std::string data = pg->dir_ + "/data";
  RunResult init = RunProgram(
      {.argv = {bin + "/initdb", "-D", data, "-U", "postgres", "--auth-local=trust",
                "--auth-host=" + options.host_auth, "-E", "UTF8", "--no-locale", "--no-sync"},
       .run_as_uid = uid,
       .run_as_gid = gid});
  if (init.exit_code != 0) {
    *error = "initdb failed with exit code " + std::to_string(init.exit_code) + ":\n" + init.output;
    return nullptr;
  }
  pg->port_ = FreePort();
  std::vector<std::string> argv = {bin + "/postgres",
                                   "-D",
                                   data,
                                   "-p",
                                   std::to_string(pg->port_),
                                   "-k",
                                   pg->dir_,
                                   "-c",
                                   "listen_addresses=127.0.0.1",
                                   "-c",
                                   "fsync=off",
                                   "-c",
                                   "logging_collector=off"};
  if (!options.ssl_cert_file.empty()) {
    std::string cert = pg->dir_ + "/server.crt", key = pg->dir_ + "/server.key";
    std::error_code ec;
    std::filesystem::copy_file(options.ssl_cert_file, cert, ec);
    if (!ec) std::filesystem::copy_file(options.ssl_key_file, key, ec);
    if (ec || ::chmod(key.c_str(), 0600) != 0 ||
        (uid &&
         (::chown(cert.c_str(), *uid, *gid) != 0 || ::chown(key.c_str(), *uid, *gid) != 0))) {
      *error = "cannot install the TLS certificate and key in " + pg->dir_;
      return nullptr;
    }
    for (const std::string& setting :
         {std::string("ssl=on"), "ssl_cert_file=" + cert, "ssl_key_file=" + key}) {
      argv.insert(argv.end(), {"-c", setting});
    }
  }
  pg->postmaster_ = std::make_unique<ChildProcess>(
      ChildProcess::Options{.argv = argv, .run_as_uid = uid, .run_as_gid = gid});
  std::string ping = pg->SuperuserConninfo();
  for (int i = 0; i < 300; i++) {
    if (PQping(ping.c_str()) == PQPING_OK) return pg;
    if (!pg->postmaster_->Running()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  *error = "PostgreSQL did not start:\n" + pg->postmaster_->Output();
  return nullptr;
}

PostgresServer::~PostgresServer() {
  if (postmaster_) {
    postmaster_->Signal(SIGINT);  // fast shutdown
    if (!postmaster_->Wait(std::chrono::seconds(30))) {
      postmaster_->Signal(SIGKILL);
      (void)postmaster_->Wait(std::chrono::seconds(10));
    }
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

std::string PostgresServer::SuperuserConninfo() const {
  return "host=" + dir_ + " port=" + std::to_string(port_) + " user=postgres dbname=postgres";
}

std::string PostgresServer::TcpConninfo() const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=postgres sslmode=disable";
}

}  // namespace datacave::testing
