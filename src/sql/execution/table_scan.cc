#include "sql/execution/operator.h"
#include "sql/execution/parallel_scan.h"
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
    if (parallel_) return parallel_->Next(out);
    if (!iterator_) iterator_ = context.txn->Scan(begin_, end_);
    {
      BatchBuilder batch(out);
      while (iterator_->Valid() && !batch.full()) {
        Row& row = batch.Add();
        DC_RETURN_IF_ERROR(DecodeRow(iterator_->value(), column_types_, &row));
        if (with_key_) row.push_back(Value::Bytea(std::string(iterator_->key())));
        iterator_->Next();
      }
    }
    DC_RETURN_IF_ERROR(iterator_->status());
    if (++serial_batches_ == kSerialBatches && iterator_->Valid()) {
      DC_RETURN_IF_ERROR(GoParallel(context));
    }
    return Status::Ok();
  }

  std::string Describe() const override { return describe_; }

  bool WholeTable() const {
    return !with_key_ && begin_ == RowKeyPrefix(table_->id) && end_ == RowKeyEnd(table_->id);
  }
  const std::shared_ptr<const TableInfo>& table() const { return table_; }
  void Rewind() override {
    parallel_.reset();
    iterator_.reset();
    serial_batches_ = 0;
  }

 private:
  std::shared_ptr<const TableInfo> table_;
  const bool with_key_;
  const std::vector<Type> column_types_ = table_->ColumnTypes();
  std::string begin_;
  std::string end_;
  std::string describe_;
  // A scan still going after this many batches reads the rest of its range in parallel,
  // when it may: threads are worth starting only for long scans.
  static constexpr int kSerialBatches = 8;
  static constexpr int kChunksPerWorker = 8;

  Status GoParallel(ExecContext& context) {
    // with_key_ scans feed UPDATE and DELETE, which write as they go.
    if (context.parallel_workers < 2 || with_key_ || context.txn->has_writes()) {
      return Status::Ok();
    }
    std::string first(iterator_->key());
    DC_ASSIGN_OR_RETURN(std::optional<std::string> last, context.txn->LastKey(first, end_));
    if (!last) return Status::Ok();
    std::vector<std::string> bounds =
        SplitKeyRange(first, *last, end_, context.parallel_workers * kChunksPerWorker);
    if (bounds.size() < 3) return Status::Ok();
    auto reader =
        std::make_unique<ParallelRowReader>(context.txn, column_types_, std::move(bounds));
    if (!reader->Start(context.parallel_workers)) return Status::Ok();  // stays serial
    parallel_ = std::move(reader);
    iterator_.reset();
    return Status::Ok();
  }

  std::unique_ptr<Transaction::Iterator> iterator_;
  int serial_batches_ = 0;
  std::unique_ptr<ParallelRowReader> parallel_;
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
