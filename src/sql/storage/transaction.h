#pragma once

// A transaction's view of the LSM: reads at a snapshot, merged with the transaction's own
// uncommitted writes (read-your-own-writes), and an atomic commit of all of them as one LSM
// write batch. Isolation between concurrent transactions is step 5's work; until then a
// statement reads the latest committed state (RefreshSnapshot) as READ COMMITTED does.
//
// Thread safety: one transaction belongs to one session; the DB is shared.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "lsm/db.h"

namespace datacave::sql {

class Transaction {
 public:
  // db must outlive the transaction.
  Transaction(lsm::DB* db, lsm::WriteOptions commit_options);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Reads from here on see everything committed so far.
  void RefreshSnapshot();

  // The value under key, or nullopt.
  Result<std::optional<std::string>> Get(std::string_view key) const;

  void Put(std::string_view key, std::string_view value);
  void Delete(std::string_view key);
  // Deletes every key in [begin, end).
  void DeleteRange(std::string_view begin, std::string_view end);

  // Keys in [begin, end) in order, own writes included.
  class Iterator {
   public:
    virtual ~Iterator() = default;
    virtual bool Valid() const = 0;
    virtual void Next() = 0;
    virtual std::string_view key() const = 0;
    virtual std::string_view value() const = 0;
    virtual Status status() const = 0;
  };
  std::unique_ptr<Iterator> Scan(std::string_view begin, std::string_view end) const;
  // The last key in [begin, end) the transaction sees, or nullopt when there is none.
  // REQUIRES: !has_writes() (it reads the snapshot only; for splitting a scan).
  Result<std::optional<std::string>> LastKey(std::string_view begin, std::string_view end) const;

  bool has_writes() const { return !writes_.empty() || !range_deletes_.empty(); }
  // Writes everything atomically. The transaction is empty afterwards.
  Status Commit();
  void Rollback();

  // Savepoints: SetMark notes where the transaction's writes stand, RollbackToMark returns
  // them there (marks set after it then mean nothing). While marks are kept, each write
  // remembers what it replaced, so a rollback costs what was written since its mark.
  struct Mark {
    size_t undo = 0;
    size_t range_deletes = 0;
  };
  Mark SetMark();
  void RollbackToMark(const Mark& mark);
  // No mark is wanted any more: writes stop remembering.
  void ClearMarks();

 private:
  class MergingIterator;
  bool CoveredByRangeDelete(std::string_view key) const;

  lsm::DB* const db_;
  const lsm::WriteOptions commit_options_;
  std::shared_ptr<const lsm::Snapshot> snapshot_;
  // nullopt: deleted.
  std::map<std::string, std::optional<std::string>, std::less<>> writes_;
  // Applied before writes_ at commit; a later Put in a deleted range survives.
  std::vector<std::pair<std::string, std::string>> range_deletes_;
  // While marks are kept: what each write replaced, oldest first (the key's entry in
  // writes_, or nullopt when it had none).
  struct Undo {
    std::string key;
    std::optional<std::optional<std::string>> previous;
  };
  bool keep_undo_ = false;
  std::vector<Undo> undo_;
  void RememberEntry(std::string_view key);
};

}  // namespace datacave::sql
