#include <bit>
#include <span>

#include "sql/execution/join_operator.h"
#include "sql/execution/parallel.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

// The build side's rows grouped by key, in an open-addressing table of slots, built once and
// then probed once per left row (the join's hot loop). A probe reads one slot; when the hashes
// agree it compares the group's key, except for a one-column integer key, whose hash is the
// integer itself, so equal hashes are equal keys. After the build the slot also holds where
// the group's row indexes lie in one flat array. Together that is about two cache misses per
// probe where a node-based map with a vector per key took five or more.
class JoinHashTable {
 public:
  // Adds right row `row` under key (which has no NULL). REQUIRES: Find not called yet.
  void Insert(Row key, size_t row) {
    if ((keys_.size() + 1) * 2 > slots_.size()) Grow();
    if (!IsIntegerKey(key)) integer_keys_ = false;
    const uint64_t hash = Hash(key);
    Slot& slot = slots_[FindSlot(key, hash)];
    if (slot.group == kEmpty) {
      slot.hash = hash;
      slot.group = static_cast<uint32_t>(keys_.size());
      keys_.push_back(std::move(key));
      group_rows_.emplace_back();
    }
    group_rows_[slot.group].push_back(static_cast<uint32_t>(row));
  }

  // Ends the build: Find may be called from here on, from any number of threads.
  void Finish() {
    if (!group_rows_.empty()) Flatten();
  }

  // The right rows whose key equals key. REQUIRES: Finish was called.
  std::span<const uint32_t> Find(const Row& key) const {
    if (slots_.empty()) return {};
    const Slot& slot = slots_[FindSlot(key, Hash(key))];
    if (slot.group == kEmpty) return {};
    return std::span<const uint32_t>(rows_.data() + slot.begin, slot.end - slot.begin);
  }

  void Clear() {
    slots_.clear();
    keys_.clear();
    group_rows_.clear();
    rows_.clear();
    integer_keys_ = true;
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t hash = 0;
    uint32_t group = kEmpty;
    uint32_t begin = 0;  // rows_[begin, end) once flattened
    uint32_t end = 0;
  };

  static bool IsIntegerKey(const Row& key) {
    return key.size() == 1 && HoldsInteger(key[0].type());
  }

  // Both sides' keys have the same types (the binder casts them to a common one).
  static uint64_t Hash(const Row& key) {
    return IsIntegerKey(key) ? static_cast<uint64_t>(key[0].int_value()) : RowHash{}(key);
  }

  // The slot holding key, or the empty slot where it would go. REQUIRES: a free slot exists.
  size_t FindSlot(const Row& key, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = Position(hash);; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.group == kEmpty) return i;
      if (slot.hash == hash && (integer_keys_ || RowEqual{}(keys_[slot.group], key))) return i;
    }
  }

  size_t Position(uint64_t hash) const {
    // The multiply spreads hashes whose low bits repeat (an integer key is its own hash).
    return static_cast<size_t>((hash * 0x9e3779b97f4a7c15ull) >> shift_);
  }

  void Grow() {
    const size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
    shift_ = 64 - std::countr_zero(size);
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    const size_t mask = size - 1;
    for (const Slot& slot : old) {
      if (slot.group == kEmpty) continue;
      size_t i = Position(slot.hash);
      while (slots_[i].group != kEmpty) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  // Moves the groups' row lists into rows_, in group order, and notes each slot's range.
  void Flatten() {
    std::vector<uint32_t> begins(group_rows_.size());
    for (size_t g = 0; g < group_rows_.size(); ++g) {
      begins[g] = static_cast<uint32_t>(rows_.size());
      rows_.insert(rows_.end(), group_rows_[g].begin(), group_rows_[g].end());
    }
    for (Slot& slot : slots_) {
      if (slot.group == kEmpty) continue;
      slot.begin = begins[slot.group];
      slot.end = slot.begin + static_cast<uint32_t>(group_rows_[slot.group].size());
    }
    group_rows_.clear();
    group_rows_.shrink_to_fit();
  }

  std::vector<Slot> slots_;                        // a power of two, at most half full
  std::vector<Row> keys_;                          // by group
  std::vector<std::vector<uint32_t>> group_rows_;  // by group, while building
  std::vector<uint32_t> rows_;
  bool integer_keys_ = true;  // every key so far is a one-column integer
  int shift_ = 64;
};

// An equi-join: the right rows (the build side) go into a hash table on their key
// expressions, and each left row probes it. A key with a NULL never matches, as `=` never
// holds for NULL; the residual condition decides among the rows with equal keys.
class HashJoin final : public JoinOperator {
 public:
  HashJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, HashJoinKeys keys,
           BoundExprPtr residual)
      : JoinOperator(std::move(left), std::move(right), kind, std::move(residual)),
        keys_(std::move(keys)) {}

  std::string Describe() const override {
    static constexpr const char* kNames[] = {"Hash Join", "Hash Left Join", "Hash Right Join",
                                             "Hash Full Join"};
    return kNames[static_cast<int>(kind_)];
  }

 private:
  // Evaluates row's key into *key; false when a part of it is NULL (it can match nothing).
  static Result<bool> EvalKey(const std::vector<BoundExprPtr>& exprs, const Row& row,
                              const EvalContext& eval, Row* key) {
    key->resize(exprs.size());
    for (size_t i = 0; i < exprs.size(); ++i) {
      DC_ASSIGN_OR_RETURN((*key)[i], Eval(*exprs[i], row, eval));
      if ((*key)[i].is_null()) return false;
    }
    return true;
  }

  Result<uint64_t> AddRight(size_t index, ExecContext& context) override {
    Row key;
    DC_ASSIGN_OR_RETURN(bool matchable,
                        EvalKey(keys_.right, right_rows_[index], context.eval, &key));
    if (!matchable) return uint64_t{0};  // kept only for RIGHT and FULL joins' padding
    const uint64_t bytes = ApproximateRowBytes(key) + sizeof(size_t);
    table_.Insert(std::move(key), index);
    return bytes;
  }

  void FinishRight() override { table_.Finish(); }

  Result<std::span<const uint32_t>> Candidates(const Row& left, const EvalContext& eval,
                                               Row* scratch) const override {
    // The key is built in scratch, whose memory is reused from one left row to the next.
    DC_ASSIGN_OR_RETURN(bool matchable, EvalKey(keys_.left, left, eval, scratch));
    if (!matchable) return std::span<const uint32_t>();
    return table_.Find(*scratch);
  }
  bool ParallelSafeCandidates() const override { return ParallelSafe(keys_.left); }

  HashJoinKeys keys_;
  void ForgetRight() override { table_.Clear(); }

  JoinHashTable table_;
};

}  // namespace

OperatorPtr MakeHashJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, HashJoinKeys keys,
                         BoundExprPtr residual) {
  return std::make_unique<HashJoin>(std::move(left), std::move(right), kind, std::move(keys),
                                    std::move(residual));
}

}  // namespace datacave::sql
