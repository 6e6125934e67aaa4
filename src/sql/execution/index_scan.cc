#include "sql/execution/operator.h"
#include "sql/storage/row_codec.h"

namespace datacave::sql {
namespace {

// A primary-key range scan whose bounds are computed when it starts, so that parameters
// ($1) and constants both work; the rows then stream as in a table scan.
class IndexScan final : public PhysicalOperator {
 public:
  IndexScan(std::shared_ptr<const TableInfo> table, KeyBound lower, KeyBound upper, bool with_key,
            std::string describe)
      : PhysicalOperator(table->ColumnTypes()),
        table_(std::move(table)),
        lower_(std::move(lower)),
        upper_(std::move(upper)),
        with_key_(with_key),
        describe_(std::move(describe)) {
    if (with_key_) types_.push_back(Type::Of(TypeId::kBytea));
  }

  Status Next(ExecContext& context, Batch* out) override {
    DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
    if (!scan_) {
      DC_ASSIGN_OR_RETURN(auto begin, BoundKey(lower_, /*upper=*/false, context));
      DC_ASSIGN_OR_RETURN(auto end, BoundKey(upper_, /*upper=*/true, context));
      if (!begin || !end) {
        // A NULL bound: the key compares with NULL, no row can match.
        begin = end = RowKeyPrefix(table_->id);
      }
      scan_ = MakeTableScan(table_, std::move(*begin), std::move(*end), with_key_, "");
    }
    return scan_->Next(context, out);
  }

  std::string Describe() const override { return describe_; }
  // The bounds may come from an outer row: evaluate them again on the next run.
  void Rewind() override { scan_.reset(); }

 private:
  // Where the range starts (or, with upper, ends); nullopt when a bound value is NULL.
  Result<std::optional<std::string>> BoundKey(const KeyBound& bound, bool upper,
                                              ExecContext& context) const {
    const std::string whole = upper ? RowKeyEnd(table_->id) : RowKeyPrefix(table_->id);
    if (bound.values.empty()) return std::optional<std::string>(whole);
    std::string key = RowKeyPrefix(table_->id);
    for (size_t i = 0; i < bound.values.size(); ++i) {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*bound.values[i], Row{}, context.eval));
      if (v.is_null()) return std::optional<std::string>();
      const auto column = static_cast<size_t>(table_->primary_key[i]);
      // A value that does not encode like the key column (a parameter sent as another type)
      // cannot narrow the range; the filter above still decides.
      if (!SameKeyEncoding(table_->columns[column].type.id, v.type())) {
        return std::optional<std::string>(whole);
      }
      DC_RETURN_IF_ERROR(AppendKeyColumn(v, &key));
    }
    // Keys that extend this one sort after it, and "\0" steps past all of them: the end of
    // an inclusive upper bound, the start of an exclusive lower one.
    if (upper == bound.inclusive) key.push_back('\0');
    return std::optional<std::string>(std::move(key));
  }

  std::shared_ptr<const TableInfo> table_;
  KeyBound lower_;
  KeyBound upper_;
  const bool with_key_;
  std::string describe_;
  OperatorPtr scan_;
};

}  // namespace

bool SameKeyEncoding(TypeId column, TypeId value) {
  auto family = [](TypeId id) {
    switch (id) {
      case TypeId::kInt2:
      case TypeId::kInt4:
      case TypeId::kInt8: return TypeId::kInt8;
      case TypeId::kText:
      case TypeId::kVarchar: return TypeId::kText;
      default: return id;
    }
  };
  return family(column) == family(value);
}

OperatorPtr MakeIndexScan(std::shared_ptr<const TableInfo> table, KeyBound lower, KeyBound upper,
                          bool with_key, std::string describe) {
  return std::make_unique<IndexScan>(std::move(table), std::move(lower), std::move(upper), with_key,
                                     std::move(describe));
}

}  // namespace datacave::sql
