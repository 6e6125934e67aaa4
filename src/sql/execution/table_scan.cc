#include "sql/execution/operator.h"
#include "sql/execution/parallel.h"
#include "sql/storage/row_codec.h"

namespace datacave::sql {
namespace {

// Streams a key range of a table's rows through the transaction (own writes included).
class TableScan final : public PhysicalOperator {
 public:
  TableScan(std::shared_ptr<const TableInfo> table, std::string begin, std::string end,
            bool with_key, std::string describe)
      : PhysicalOperator(table->ColumnTypes()),
        table_(std::move(table)),
        with_key_(with_key),
        begin_(std::move(begin)),
        end_(std::move(end)),
        describe_(std::move(describe)) {
    if (with_key_) types_.push_back(Type::Of(TypeId::kBytea));
  }

  Status Next(ExecContext& context, Batch* out) override {
    DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
    if (!iterator_) iterator_ = context.txn->Scan(begin_, end_);
    {
      BatchBuilder batch(out);
      while (iterator_->Valid() && !batch.full()) {
        Row& row = batch.Add();
        DC_RETURN_IF_ERROR(DecodeRow(iterator_->value(), column_types_, read_, &row));
        if (with_key_) row.push_back(Value::Bytea(std::string(iterator_->key())));
        iterator_->Next();
      }
    }
    return iterator_->status();
  }

  Result<bool> PrepareParallel(ExecContext& context, ParallelPlan* plan) override {
    // with_key_ scans feed UPDATE and DELETE, which write as they go; the split reads the
    // snapshot alone, so it must have no writes of the transaction's to merge.
    if (with_key_ || iterator_ || context.txn->has_writes()) return false;
    plan->txn = context.txn;
    plan->begin = begin_;
    plan->end = end_;
    plan->column_types = column_types_;
    plan->columns_read = read_;
    return true;
  }

  void PruneColumns(const std::vector<bool>& used) override {
    // UPDATE and DELETE write back whole rows.
    if (!with_key_ && used.size() == column_types_.size()) read_ = used;
  }

  std::string Describe() const override { return describe_; }

  bool WholeTable() const {
    return !with_key_ && begin_ == RowKeyPrefix(table_->id) && end_ == RowKeyEnd(table_->id);
  }
  const std::shared_ptr<const TableInfo>& table() const { return table_; }
  void Rewind() override { iterator_.reset(); }

 private:
  std::shared_ptr<const TableInfo> table_;
  const bool with_key_;
  const std::vector<Type> column_types_ = table_->ColumnTypes();
  std::vector<bool> read_;  // the columns decoded (PruneColumns); empty: all
  std::string begin_;
  std::string end_;
  std::string describe_;
  std::unique_ptr<Transaction::Iterator> iterator_;
};

}  // namespace

std::shared_ptr<const TableInfo> WholeTableScanOf(const PhysicalOperator& plan,
                                                  std::string* relation) {
  constexpr std::string_view kSeqScan = "Seq Scan on ";
  const auto* scan = dynamic_cast<const TableScan*>(&plan);
  if (!scan || !scan->WholeTable()) return nullptr;
  const std::string describe = scan->Describe();
  if (describe.rfind(kSeqScan, 0) != 0) return nullptr;
  *relation = describe.substr(kSeqScan.size());
  return scan->table();
}

OperatorPtr MakeTableScan(std::shared_ptr<const TableInfo> table, std::string begin,
                          std::string end, bool with_key, std::string describe) {
  return std::make_unique<TableScan>(std::move(table), std::move(begin), std::move(end), with_key,
                                     std::move(describe));
}

}  // namespace datacave::sql
