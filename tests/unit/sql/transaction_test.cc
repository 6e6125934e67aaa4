// Transaction marks (savepoints): a rollback to a mark returns the transaction's own writes,
// deletes and range deletes to what they were when it was set.

#include "sql/storage/transaction.h"

#include <gtest/gtest.h>

#include "unit/sql/session_fixture.h"

namespace datacave::sql {
namespace {

class TransactionMarkTest : public SessionFixture {
 protected:
  // Every key the transaction sees in [a, z), as "k=v k=v".
  static std::string Contents(const Transaction& txn) {
    std::string out;
    for (auto it = txn.Scan("a", "z"); it->Valid(); it->Next()) {
      out += (out.empty() ? "" : " ") + std::string(it->key()) + "=" + std::string(it->value());
    }
    return out;
  }
};

TEST_F(TransactionMarkTest, RollbackToAMarkUndoesWhatCameAfterIt) {
  {
    Transaction setup(lsm_.get(), lsm::WriteOptions{});
    setup.Put("c", "committed");
    ASSERT_TRUE(setup.Commit().ok());
  }
  Transaction txn(lsm_.get(), lsm::WriteOptions{});
  txn.Put("a", "1");
  const Transaction::Mark first = txn.SetMark();
  txn.Put("a", "2");
  txn.Put("b", "1");
  txn.Delete("c");
  EXPECT_EQ(Contents(txn), "a=2 b=1");
  const Transaction::Mark second = txn.SetMark();
  txn.DeleteRange("a", "z");
  txn.Put("d", "1");
  EXPECT_EQ(Contents(txn), "d=1");
  txn.RollbackToMark(second);
  EXPECT_EQ(Contents(txn), "a=2 b=1");
  txn.RollbackToMark(first);
  EXPECT_EQ(Contents(txn), "a=1 c=committed");
  // Again, after more writes: the mark still holds.
  txn.Put("e", "1");
  txn.RollbackToMark(first);
  EXPECT_EQ(Contents(txn), "a=1 c=committed");
  txn.ClearMarks();
  txn.Put("a", "3");
  ASSERT_TRUE(txn.Commit().ok());
  Transaction after(lsm_.get(), lsm::WriteOptions{});
  EXPECT_EQ(Contents(after), "a=3 c=committed");
}

}  // namespace
}  // namespace datacave::sql
