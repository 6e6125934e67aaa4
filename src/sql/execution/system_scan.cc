#include "sql/execution/operator.h"

namespace datacave::sql {
namespace {

// The rows of a system relation (catalog/system_catalog.h), computed when the scan first
// runs from the catalog the statement was bound against, then streamed in batches.
class SystemScan final : public PhysicalOperator {
 public:
  SystemScan(const SystemRelation* relation, std::shared_ptr<const CatalogLookups> lookups)
      : PhysicalOperator(ColumnTypes(*relation)),
        relation_(relation),
        lookups_(std::move(lookups)) {}

  Status Next(ExecContext&, Batch* out) override {
    out->clear();
    if (!computed_) {
      rows_ = relation_->rows(lookups_->context());
      computed_ = true;
      for (const Row& row : rows_) {
        if (row.size() != types_.size()) {
          return Status::Sql(StatusCode::kCorruption, "XX000",
                             std::string("system relation ") + relation_->name +
                                 " produced a row of the wrong width");
        }
      }
    }
    while (next_ < rows_.size() && out->size() < kBatchRows) out->push_back(rows_[next_++]);
    return Status::Ok();
  }

  void Rewind() override { next_ = 0; }

  std::string Describe() const override {
    return std::string("Function Scan on ") + relation_->name;
  }

 private:
  static std::vector<Type> ColumnTypes(const SystemRelation& relation) {
    std::vector<Type> types;
    for (const SystemColumn& column : relation.columns) types.push_back(column.type);
    return types;
  }

  const SystemRelation* relation_;
  std::shared_ptr<const CatalogLookups> lookups_;
  bool computed_ = false;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

}  // namespace

OperatorPtr MakeSystemScan(const SystemRelation* relation,
                           std::shared_ptr<const CatalogLookups> lookups) {
  return std::make_unique<SystemScan>(relation, std::move(lookups));
}

}  // namespace datacave::sql
