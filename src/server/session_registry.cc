#include "server/session_registry.h"

#include "core/coding.h"
#include "core/password.h"

namespace datacave::server {

Result<BackendKey> SessionRegistry::NewKey() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (;;) {
    // Drawn until the pid is free: 31 random bits rarely collide, but a cancel must never
    // reach the wrong session.
    DC_ASSIGN_OR_RETURN(std::string bytes, SecureRandomBytes(8));
    BackendKey key;
    key.pid = static_cast<int32_t>(DecodeBigEndian32(bytes.data()) & 0x7fffffff);
    key.secret = static_cast<int32_t>(DecodeBigEndian32(bytes.data() + 4));
    if (key.pid == 0 || sessions_.count(key.pid)) continue;
    sessions_.emplace(key.pid, Entry{key.secret, nullptr});
    return key;
  }
}

void SessionRegistry::Attach(int32_t pid, sql::StatementInterrupt* interrupt,
                             std::function<void()> on_terminate) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(pid);
  if (it == sessions_.end()) return;
  it->second.interrupt = interrupt;
  it->second.on_terminate = std::move(on_terminate);
  if (terminating_.load()) {
    interrupt->Terminate();
    it->second.on_terminate();
  }
}

void SessionRegistry::Unregister(int32_t pid) {
  std::lock_guard<std::mutex> lock(mutex_);
  sessions_.erase(pid);
}

bool SessionRegistry::Cancel(const BackendKey& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(key.pid);
  if (it == sessions_.end() || it->second.secret != key.secret) return false;
  if (it->second.interrupt) it->second.interrupt->Cancel();
  return true;
}

void SessionRegistry::TerminateAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  terminating_.store(true);
  for (auto& [pid, entry] : sessions_) {
    if (entry.interrupt) entry.interrupt->Terminate();
    if (entry.on_terminate) entry.on_terminate();
  }
}

size_t SessionRegistry::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return sessions_.size();
}

}  // namespace datacave::server
