#pragma once

// Child processes for tests. A test that starts a server keeps it as its own child, stops it
// by pid and waits for it (PID 1 in CI containers does not reap orphans).

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace datacave::testing {

class ChildProcess {
 public:
  struct Options {
    std::vector<std::string> argv;    // argv[0] is the program path
    std::vector<std::string> env;     // extra NAME=VALUE entries (they override inherited ones)
    std::string stdin_data;           // written to the child's stdin, then EOF
    std::optional<uid_t> run_as_uid;  // drop privileges (when we are root)
    std::optional<gid_t> run_as_gid;
  };

  // Starts the program; its stdout and stderr go to one capture file read by Output().
  explicit ChildProcess(const Options& options);
  ~ChildProcess();  // SIGKILL and reap if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int signal) const;
  // Waits for exit; returns the exit code (128 + signal when killed), or nullopt on timeout.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  bool Running();
  // Everything the child wrote to stdout and stderr so far.
  std::string Output() const;
  // Polls Output() until it contains needle; false on timeout or exit.
  bool WaitForOutput(const std::string& needle, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::string capture_path_;
};

// Runs a program to completion (60 s at most) and returns {exit code, output}.
struct RunResult {
  int exit_code;
  std::string output;
};
RunResult RunProgram(const ChildProcess::Options& options);

// A loopback TCP port that nothing listens on right now.
uint16_t FreePort();

// A TCP connection to 127.0.0.1:port whose reads give up after 10 s; -1 when refused.
int ConnectLoopback(uint16_t port);

// A fresh temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Writes text to path (overwrites).
void WriteFile(const std::string& path, const std::string& text);

// Polls done() every millisecond until it returns true (then true) or timeout passes (then
// false). For waiting on another thread's progress when there is no event to wait on.
bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);

}  // namespace datacave::testing
