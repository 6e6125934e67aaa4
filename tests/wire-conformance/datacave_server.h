#pragma once

// `datacave serve` started by a wire-conformance test on a free loopback port, with two
// users: alice (a SCRAM verifier) and, unless the method is scram-sha-256 (which refuses MD5
// hashes), bob (an MD5 hash). Stopped when the object goes; an error must not have stopped
// it before.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/password.h"
#include "support/process.h"

namespace datacave::testing {

constexpr const char* kAlicePassword = "alice secret 1";
constexpr const char* kBobPassword = "bob secret 2";

class DatacaveServer {
 public:
  // auth_keys: more lines for the [auth] section; sections: more [sections] for the file;
  // server_keys: more lines for the [server] section.
  explicit DatacaveServer(const std::string& method, const std::string& auth_keys = "",
                          const std::string& sections = "", const std::string& server_keys = "")
      : port_(FreePort()) {
    auto verifier = ScramVerifier::Generate(kAlicePassword);
    EXPECT_TRUE(verifier.ok());
    std::string users =
        "[[auth.users]]\nname = \"alice\"\npassword_hash = \"" + verifier->ToString() + "\"\n";
    if (method != "scram-sha-256") {
      users += "[[auth.users]]\nname = \"bob\"\npassword_hash = \"" +
               Md5PasswordHash(kBobPassword, "bob") + "\"\n";
    }
    std::string config = dir_.path() + "/datacave.toml";
    WriteFile(config, "[server]\nlisten = \"127.0.0.1:" + std::to_string(port_) + "\"\n" +
                          server_keys + "[metrics]\nenabled = false\n" + sections +
                          "[auth]\nmethod = \"" + method + "\"\n" + auth_keys + users);
    server_ = std::make_unique<ChildProcess>(
        ChildProcess::Options{.argv = {DATACAVE_BINARY, "serve", "--config", config}});
    EXPECT_TRUE(server_->WaitForOutput("listening on", std::chrono::seconds(20)))
        << server_->Output();
  }
  ~DatacaveServer() { EXPECT_TRUE(server_->Running()) << "an error must not stop the server"; }

  uint16_t port() const { return port_; }
  std::string Output() const { return server_->Output(); }

  std::string Conninfo(const std::string& user, const std::string& password = "",
                       const std::string& dbname = "default") const {
    std::string c = "host=127.0.0.1 port=" + std::to_string(port_) + " user=" + user +
                    " dbname=" + dbname + " connect_timeout=10";
    if (!password.empty()) c += " password='" + password + "'";
    return c;
  }

 private:
  TempDir dir_;
  uint16_t port_;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace datacave::testing
