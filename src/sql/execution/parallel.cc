#include "sql/execution/parallel.h"

#include <system_error>
#include <thread>

#include "sql/storage/row_codec.h"

namespace datacave::sql {
namespace {

// Rows read on the caller's thread before the range is split: threads are worth starting
// only for long scans.
constexpr size_t kFirstChunkRows = 8 * kBatchRows;
// Chunks per thread: enough that a thread finishing early finds more work.
constexpr int kChunksPerThread = 8;

// One thread's copies of the plan's stages, the last pushing into sink; returns the first.
struct StageChain {
  std::vector<std::unique_ptr<RowSink>> stages;
  RowSink* head;
};
StageChain MakeChain(const ParallelPlan& plan, RowSink* sink) {
  StageChain chain{{}, sink};
  for (const PhysicalOperator* op : plan.stages) {
    chain.stages.push_back(op->MakeParallelStage(chain.head));
    chain.head = chain.stages.back().get();
  }
  return chain;
}

// Decodes the rows of it into batches and pushes them into head, until it ends, `limit`
// rows were read, or stop() says an earlier chunk failed.
Status ReadRows(Transaction::Iterator& it, const ParallelPlan& plan, const EvalContext& eval,
                size_t limit, RowSink* head, const std::function<bool()>& stop) {
  Batch batch;
  size_t read = 0;
  while (it.Valid() && read < limit && !stop()) {
    DC_RETURN_IF_ERROR(CheckInterrupt(eval));
    {
      BatchBuilder rows(&batch);
      while (it.Valid() && !rows.full() && read < limit) {
        DC_RETURN_IF_ERROR(
            DecodeRow(it.value(), plan.column_types, plan.columns_read, &rows.Add()));
        ++read;
        it.Next();
      }
    }
    DC_RETURN_IF_ERROR(it.status());
    DC_RETURN_IF_ERROR(head->Push(eval, batch));
  }
  return it.status();
}

// Chunks 1..n of a split range, taken in key order by each thread that calls Work.
class ChunkRunner {
 public:
  ChunkRunner(const ParallelPlan& plan, const EvalContext& eval, std::vector<std::string> bounds,
              std::vector<RowSink*> sinks)
      : plan_(plan),
        eval_(eval),
        bounds_(std::move(bounds)),
        sinks_(std::move(sinks)),
        statuses_(sinks_.size()),
        failed_(sinks_.size()) {}

  void Work() {
    for (;;) {
      const size_t c = next_.fetch_add(1);
      if (c >= sinks_.size() || c > failed_.load()) return;
      Status status = ReadChunk(c);
      if (!status.ok()) {
        statuses_[c] = std::move(status);
        size_t failed = failed_.load();
        while (c < failed && !failed_.compare_exchange_weak(failed, c)) {
        }
      }
    }
  }

  // The first error in key order. REQUIRES: every Work returned.
  Status status() const {
    const size_t failed = failed_.load();
    return failed < statuses_.size() ? statuses_[failed] : Status::Ok();
  }

 private:
  Status ReadChunk(size_t c) {
    StageChain chain = MakeChain(plan_, sinks_[c]);
    std::unique_ptr<Transaction::Iterator> it = plan_.txn->Scan(bounds_[c], bounds_[c + 1]);
    // A chunk after a failed one is given up: its rows would never be used.
    return ReadRows(*it, plan_, eval_, SIZE_MAX, chain.head, [&] { return failed_.load() < c; });
  }

  const ParallelPlan& plan_;
  const EvalContext& eval_;
  const std::vector<std::string> bounds_;
  const std::vector<RowSink*> sinks_;
  std::vector<Status> statuses_;  // by chunk, each written by the thread reading it
  std::atomic<size_t> next_{0};   // the next chunk to take
  std::atomic<size_t> failed_;    // the first chunk that failed; sinks_.size(): none
};

// Subqueries keep their plan and rows; functions of the session (set_config) change it.
bool KeepsState(const BoundExpr& expr) {
  if (expr.kind == BoundExprKind::kSubquery) return true;
  if (expr.kind == BoundExprKind::kFunction && expr.function->call_in_session) return true;
  for (const auto& child : expr.children) {
    if (KeepsState(*child)) return true;
  }
  return false;
}

}  // namespace

bool ParallelSafe(const BoundExpr& expr) {
  return !KeepsState(expr);
}

bool ParallelSafe(const std::vector<BoundExprPtr>& exprs) {
  for (const auto& expr : exprs) {
    if (expr && !ParallelSafe(*expr)) return false;
  }
  return true;
}

Status RunParallel(const ParallelPlan& plan, int threads, const EvalContext& eval,
                   const std::function<RowSink*(size_t chunk)>& make_chunk_sink) {
  std::string first;
  {
    StageChain chain = MakeChain(plan, make_chunk_sink(0));
    std::unique_ptr<Transaction::Iterator> it = plan.txn->Scan(plan.begin, plan.end);
    DC_RETURN_IF_ERROR(
        ReadRows(*it, plan, eval, kFirstChunkRows, chain.head, [] { return false; }));
    if (!it->Valid()) return Status::Ok();
    first = std::string(it->key());
  }
  DC_ASSIGN_OR_RETURN(std::optional<std::string> last, plan.txn->LastKey(first, plan.end));
  if (!last) return Status::Ok();  // REQUIRES of LastKey: the transaction has no writes
  std::vector<std::string> bounds =
      SplitKeyRange(first, *last, plan.end, std::max(threads, 1) * kChunksPerThread);
  std::vector<RowSink*> sinks;
  for (size_t c = 1; c < bounds.size(); ++c) sinks.push_back(make_chunk_sink(c));
  ChunkRunner runner(plan, eval, std::move(bounds), std::move(sinks));
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads; ++t) {
    try {
      helpers.emplace_back([&runner] { runner.Work(); });
    } catch (const std::system_error&) {
      break;  // out of threads: fewer do the work
    }
  }
  runner.Work();
  for (auto& helper : helpers) helper.join();
  return runner.status();
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
