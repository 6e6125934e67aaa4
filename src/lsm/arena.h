#pragma once

// Bump allocation for a memtable: many small allocations, all freed at once when the
// memtable goes. Not thread-safe for allocation (the memtable has one writer at a time);
// MemoryUsage() may be read from any thread.

#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace datacave::lsm {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Memory for bytes > 0 bytes, valid until the arena is destroyed.
  char* Allocate(size_t bytes);
  // The same, aligned for any pointer type (the skiplist's node towers).
  char* AllocateAligned(size_t bytes);

  // Bytes of memory the arena holds, including unused tails of blocks.
  size_t MemoryUsage() const { return memory_usage_.load(std::memory_order_relaxed); }

 private:
  static constexpr size_t kBlockSize = 4096;

  char* AllocateFallback(size_t bytes);
  char* AllocateNewBlock(size_t block_bytes);

  char* alloc_ptr_ = nullptr;
  size_t alloc_bytes_remaining_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::atomic<size_t> memory_usage_{0};
};

inline char* Arena::Allocate(size_t bytes) {
  if (bytes <= alloc_bytes_remaining_) {
    char* result = alloc_ptr_;
    alloc_ptr_ += bytes;
    alloc_bytes_remaining_ -= bytes;
    return result;
  }
  return AllocateFallback(bytes);
}

}  // namespace datacave::lsm
