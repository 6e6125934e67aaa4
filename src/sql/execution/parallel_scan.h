#pragma once

// Reading a long key range of a table's rows on several threads, for a scan that has shown
// it is long (TableScan switches to it after a few batches, so short scans never start a
// thread). The range is cut into chunks; worker threads take chunks in key order, and each
// decodes its chunk's rows into batches, which the scan hands on strictly in key order, so
// a parallel scan returns exactly the rows, in exactly the order, of a serial one.
//
// Memory stays bounded: a worker stops when it holds kBatchesPerWorker batches the scan has
// not taken yet, and the worker of the chunk being read always has its batches being taken,
// so no worker waits on another.
//
// Thread safety: Next and the destructor run on the scan's (session's) thread; the workers
// only read the transaction, which must have no writes of its own while they run.

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sql/execution/operator.h"

namespace datacave::sql {

class ParallelRowReader {
 public:
  static constexpr int kBatchesPerWorker = 8;

  // bounds: n + 1 keys cutting [bounds[0], bounds[n]) into n chunks. REQUIRES: txn outlives
  // the reader and has no writes (Transaction::has_writes()).
  ParallelRowReader(const Transaction* txn, std::vector<Type> types,
                    std::vector<std::string> bounds);
  // Starts the worker threads; false when the system would not give them (nothing started).
  bool Start(int workers);
  // Stops the workers and waits for them.
  ~ParallelRowReader();
  ParallelRowReader(const ParallelRowReader&) = delete;
  ParallelRowReader& operator=(const ParallelRowReader&) = delete;

  // Replaces *out with the next rows in key order; empty at the end. A worker's error is
  // returned when the scan reaches its chunk.
  Status Next(Batch* out);

 private:
  struct Chunk {
    std::deque<Batch> batches;
    bool done = false;
    Status status;
    int worker = -1;
  };

  void StopWorkers();
  void Work(int worker);
  // Reads chunk c, handing over its batches as they fill; false when told to stop.
  bool ReadChunk(int worker, size_t c);

  const Transaction* const txn_;
  const std::vector<Type> types_;
  const std::vector<std::string> bounds_;

  std::mutex mu_;
  std::condition_variable produced_;  // a batch or a chunk's end is ready
  std::condition_variable consumed_;  // a batch was taken, or stop_
  std::vector<Chunk> chunks_;
  size_t next_chunk_ = 0;         // the next chunk a worker takes
  size_t current_ = 0;            // the chunk Next reads
  std::vector<int> outstanding_;  // per worker: batches handed over and not yet taken
  std::vector<Batch> free_;       // taken batches, whose rows workers reuse
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// Where to cut [first, last] into about n parts: n + 1 keys, the first being first and the
// last end, found by interpolating the 8 bytes after the keys' common prefix (keys are
// order-preserving encodings, so any byte string cuts the range correctly; a skewed key
// distribution only makes the parts uneven). Just {first, end} when the keys are too close.
std::vector<std::string> SplitKeyRange(const std::string& first, const std::string& last,
                                       const std::string& end, int n);

}  // namespace datacave::sql
