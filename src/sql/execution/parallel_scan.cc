#include "sql/execution/parallel_scan.h"

#include <system_error>

#include "sql/storage/row_codec.h"

namespace datacave::sql {

ParallelRowReader::ParallelRowReader(const Transaction* txn, std::vector<Type> types,
                                     std::vector<std::string> bounds)
    : txn_(txn),
      types_(std::move(types)),
      bounds_(std::move(bounds)),
      chunks_(bounds_.size() - 1) {}

bool ParallelRowReader::Start(int workers) {
  outstanding_.assign(static_cast<size_t>(workers), 0);
  try {
    for (int w = 0; w < workers; ++w) threads_.emplace_back([this, w] { Work(w); });
  } catch (const std::system_error&) {
    // Out of threads: stop the ones started before any chunk is handed on.
    StopWorkers();
    return false;
  }
  return true;
}

ParallelRowReader::~ParallelRowReader() {
  StopWorkers();
}

void ParallelRowReader::StopWorkers() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  consumed_.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

Status ParallelRowReader::Next(Batch* out) {
  std::unique_lock lock(mu_);
  while (current_ < chunks_.size()) {
    Chunk& chunk = chunks_[current_];
    if (!chunk.batches.empty()) {
      // The caller's previous batch goes back to the workers, rows and all.
      if (!out->empty()) free_.push_back(std::move(*out));
      *out = std::move(chunk.batches.front());
      chunk.batches.pop_front();
      --outstanding_[static_cast<size_t>(chunk.worker)];
      consumed_.notify_all();
      return Status::Ok();
    }
    if (chunk.done) {
      if (!chunk.status.ok()) return chunk.status;
      ++current_;
      continue;
    }
    produced_.wait(lock);
  }
  out->clear();
  return Status::Ok();
}

void ParallelRowReader::Work(int worker) {
  for (;;) {
    size_t c;
    {
      std::lock_guard lock(mu_);
      if (stop_ || next_chunk_ == chunks_.size()) return;
      c = next_chunk_++;
      chunks_[c].worker = worker;
    }
    if (!ReadChunk(worker, c)) return;
  }
}

bool ParallelRowReader::ReadChunk(int worker, size_t c) {
  std::unique_ptr<Transaction::Iterator> it = txn_->Scan(bounds_[c], bounds_[c + 1]);
  Batch batch;
  Status status = it->status();
  while (status.ok() && it->Valid()) {
    {
      BatchBuilder rows(&batch);
      while (it->Valid() && !rows.full()) {
        status = DecodeRow(it->value(), types_, &rows.Add());
        if (!status.ok()) break;
        it->Next();
      }
    }
    if (status.ok()) status = it->status();
    std::unique_lock lock(mu_);
    consumed_.wait(lock, [&] {
      return stop_ || outstanding_[static_cast<size_t>(worker)] < kBatchesPerWorker;
    });
    if (stop_) return false;
    if (!batch.empty()) {
      chunks_[c].batches.push_back(std::move(batch));
      ++outstanding_[static_cast<size_t>(worker)];
    }
    batch.clear();
    if (!free_.empty()) {
      batch = std::move(free_.back());
      free_.pop_back();
    }
    produced_.notify_one();
  }
  std::lock_guard lock(mu_);
  chunks_[c].status = status;
  chunks_[c].done = true;
  produced_.notify_one();
  return true;
}

std::vector<std::string> SplitKeyRange(const std::string& first, const std::string& last,
                                       const std::string& end, int n) {
  size_t prefix = 0;
  while (prefix < first.size() && prefix < last.size() && first[prefix] == last[prefix]) ++prefix;
  // The 8 bytes after the common prefix as a big-endian number (missing bytes are zeros).
  auto window = [prefix](const std::string& key) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) {
      v <<= 8;
      if (prefix + i < key.size()) v |= static_cast<uint8_t>(key[prefix + i]);
    }
    return v;
  };
  const uint64_t a = window(first), b = window(last);
  std::vector<std::string> bounds{first};
  if (n > 1 && b - a >= static_cast<uint64_t>(n)) {
    for (int i = 1; i < n; ++i) {
      // a < v < b, so first < key < last: see the header.
      const uint64_t v = a + (b - a) / static_cast<uint64_t>(n) * static_cast<uint64_t>(i);
      std::string key = first.substr(0, prefix);
      for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<char>(v >> shift));
      if (key > bounds.back()) bounds.push_back(std::move(key));
    }
  }
  bounds.push_back(end);
  return bounds;
}

}  // namespace datacave::sql
