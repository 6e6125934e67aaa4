#include "sql/storage/transaction.h"

#include "lsm/write_batch.h"

namespace datacave::sql {

Transaction::Transaction(lsm::DB* db, lsm::WriteOptions commit_options)
    : db_(db), commit_options_(commit_options), snapshot_(db->GetSnapshot()) {}

void Transaction::RefreshSnapshot() {
  snapshot_ = db_->GetSnapshot();
}

bool Transaction::CoveredByRangeDelete(std::string_view key) const {
  for (const auto& [begin, end] : range_deletes_) {
    if (key >= begin && key < end) return true;
  }
  return false;
}

Result<std::optional<std::string>> Transaction::Get(std::string_view key) const {
  auto it = writes_.find(key);
  if (it != writes_.end()) return it->second;
  if (CoveredByRangeDelete(key)) return std::optional<std::string>();
  lsm::ReadOptions options;
  options.snapshot = snapshot_.get();
  std::string value;
  Status s = db_->Get(options, key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return s;
  return std::optional<std::string>(std::move(value));
}

void Transaction::RememberEntry(std::string_view key) {
  if (!keep_undo_) return;
  auto it = writes_.find(key);
  undo_.push_back({std::string(key), it == writes_.end()
                                         ? std::optional<std::optional<std::string>>()
                                         : std::optional<std::optional<std::string>>(it->second)});
}

void Transaction::Put(std::string_view key, std::string_view value) {
  RememberEntry(key);
  writes_.insert_or_assign(std::string(key), std::string(value));
}

void Transaction::Delete(std::string_view key) {
  RememberEntry(key);
  writes_.insert_or_assign(std::string(key), std::nullopt);
}

void Transaction::DeleteRange(std::string_view begin, std::string_view end) {
  // Earlier own writes in the range are gone too.
  const auto first = writes_.lower_bound(begin), last = writes_.lower_bound(end);
  if (keep_undo_) {
    for (auto it = first; it != last; ++it) undo_.push_back({it->first, it->second});
  }
  writes_.erase(first, last);
  range_deletes_.emplace_back(std::string(begin), std::string(end));
}

Transaction::Mark Transaction::SetMark() {
  keep_undo_ = true;
  return Mark{undo_.size(), range_deletes_.size()};
}

void Transaction::RollbackToMark(const Mark& mark) {
  while (undo_.size() > mark.undo) {
    Undo& undo = undo_.back();
    if (undo.previous) {
      writes_.insert_or_assign(std::move(undo.key), std::move(*undo.previous));
    } else {
      writes_.erase(undo.key);
    }
    undo_.pop_back();
  }
  range_deletes_.resize(mark.range_deletes);
}

void Transaction::ClearMarks() {
  keep_undo_ = false;
  undo_.clear();
}

// Merges the LSM's keys (minus those under the transaction's range deletes) with the
// transaction's own writes, which win on equal keys.
class Transaction::MergingIterator final : public Transaction::Iterator {
 public:
  MergingIterator(const Transaction* txn, std::unique_ptr<lsm::Iterator> base,
                  std::string_view begin, std::string end)
      : txn_(txn), base_(std::move(base)), end_(std::move(end)) {
    base_->Seek(begin);
    own_ = txn_->writes_.lower_bound(begin);
    Settle();
  }

  bool Valid() const override { return current_ != Source::kNone; }
  std::string_view key() const override {
    return current_ == Source::kOwn ? std::string_view(own_->first) : base_->key();
  }
  std::string_view value() const override {
    return current_ == Source::kOwn ? std::string_view(*own_->second) : base_->value();
  }
  Status status() const override { return base_->status(); }

  void Next() override {
    if (current_ == Source::kOwn) {
      if (BaseValid() && base_->key() == own_->first) base_->Next();
      ++own_;
    } else {
      base_->Next();
    }
    Settle();
  }

 private:
  enum class Source { kNone, kBase, kOwn };

  bool BaseValid() const { return base_->Valid() && base_->key() < end_; }
  bool OwnValid() const { return own_ != txn_->writes_.end() && own_->first < end_; }

  // Positions on the next visible entry: skips own deletions (and the base keys they hide)
  // and base keys under range deletes.
  void Settle() {
    for (;;) {
      // The base key is read and checked against end_ once per step: this loop runs for
      // every row a scan returns.
      std::string_view base_key;
      bool base_valid = base_->Valid();
      if (base_valid) {
        base_key = base_->key();
        base_valid = base_key < end_;
      }
      const bool own_valid = OwnValid();
      if (base_valid && txn_->CoveredByRangeDelete(base_key) &&
          !(own_valid && own_->first == base_key)) {
        base_->Next();
        continue;
      }
      if (!base_valid && !own_valid) {
        current_ = Source::kNone;
        return;
      }
      if (own_valid && (!base_valid || own_->first <= base_key)) {
        if (own_->second.has_value()) {
          current_ = Source::kOwn;
          return;
        }
        if (base_valid && base_key == own_->first) base_->Next();
        ++own_;
        continue;
      }
      current_ = Source::kBase;
      return;
    }
  }

  const Transaction* txn_;
  std::unique_ptr<lsm::Iterator> base_;
  std::string end_;
  std::map<std::string, std::optional<std::string>, std::less<>>::const_iterator own_;
  Source current_ = Source::kNone;
};

std::unique_ptr<Transaction::Iterator> Transaction::Scan(std::string_view begin,
                                                         std::string_view end) const {
  lsm::ReadOptions options;
  options.snapshot = snapshot_.get();
  return std::make_unique<MergingIterator>(this, db_->NewIterator(options), begin,
                                           std::string(end));
}

Result<std::optional<std::string>> Transaction::LastKey(std::string_view begin,
                                                        std::string_view end) const {
  lsm::ReadOptions options;
  options.snapshot = snapshot_.get();
  auto it = db_->NewIterator(options);
  it->Seek(end);
  if (it->Valid()) {
    it->Prev();
  } else {
    DC_RETURN_IF_ERROR(it->status());
    it->SeekToLast();
  }
  DC_RETURN_IF_ERROR(it->status());
  if (!it->Valid() || it->key() < begin) return std::optional<std::string>();
  return std::optional<std::string>(std::string(it->key()));
}

Status Transaction::Commit() {
  if (!has_writes()) return Status::Ok();
  lsm::WriteBatch batch;
  for (const auto& [begin, end] : range_deletes_) batch.DeleteRange(begin, end);
  for (const auto& [key, value] : writes_) {
    if (value.has_value()) {
      batch.Put(key, *value);
    } else {
      batch.Delete(key);
    }
  }
  Status s = db_->Write(commit_options_, &batch);
  Rollback();
  return s;
}

void Transaction::Rollback() {
  writes_.clear();
  range_deletes_.clear();
  ClearMarks();
}

}  // namespace datacave::sql
