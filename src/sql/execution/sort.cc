#include <algorithm>

#include "sql/execution/operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {

size_t ApproximateRowBytes(const Row& row) {
  size_t bytes = sizeof(Row) + row.size() * sizeof(Value);
  for (const Value& v : row) {
    if (!v.is_null() && (IsStringType(v.type()) || v.type() == TypeId::kBytea)) {
      bytes += v.string_value().size();
    } else if (!v.is_null() && IsArrayType(v.type())) {
      bytes += ApproximateRowBytes(v.array_value().elements);
    }
  }
  return bytes;
}

int CompareForSort(const Value& x, const Value& y, bool descending, bool nulls_first) {
  if (x.is_null() || y.is_null()) {
    if (x.is_null() && y.is_null()) return 0;
    return x.is_null() == nulls_first ? -1 : 1;
  }
  const int c = Value::Compare(x, y);
  return descending ? -c : c;
}

Status MemoryLimitExceeded(std::string_view what, uint64_t limit) {
  return Status::Sql(StatusCode::kResourceExhausted, "53200",
                     "out of memory: " + std::string(what) + " needs more than the " +
                         std::to_string(limit >> 20) + " MB a query may use")
      .WithDetail(
          "Raise server.query_memory_limit in the server's configuration, or narrow the query.");
}

namespace {

class Sort final : public PhysicalOperator {
 public:
  Sort(OperatorPtr child, std::vector<SortKey> keys)
      : PhysicalOperator(child->types()), keys_(std::move(keys)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    if (!sorted_) {
      DC_RETURN_IF_ERROR(Fill(context));
      sorted_ = true;
    }
    while (next_ < rows_.size() && out->size() < kBatchRows)
      out->push_back(std::move(rows_[next_++]));
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    rows_.clear();
    next_ = 0;
    sorted_ = false;
  }

  void PruneColumns(const std::vector<bool>& used) override {
    std::vector<bool> read = used;
    for (const SortKey& key : keys_) read.at(static_cast<size_t>(key.column)) = true;
    children_[0]->PruneColumns(read);
  }

  std::string Describe() const override { return "Sort"; }

 private:
  Status Fill(ExecContext& context) {
    Batch batch;
    uint64_t bytes = 0;
    while (true) {
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &batch));
      if (batch.empty()) break;
      for (auto& row : batch) {
        bytes += ApproximateRowBytes(row);
        rows_.push_back(std::move(row));
      }
      if (bytes > context.memory_limit) return MemoryLimitExceeded("a sort", context.memory_limit);
    }
    // Stable, so that ties keep their input order as far as possible.
    std::stable_sort(rows_.begin(), rows_.end(), [this](const Row& a, const Row& b) {
      for (const SortKey& key : keys_) {
        const int c =
            CompareForSort(a[static_cast<size_t>(key.column)], b[static_cast<size_t>(key.column)],
                           key.descending, key.nulls_first);
        if (c != 0) return c < 0;
      }
      return false;
    });
    return Status::Ok();
  }

  std::vector<SortKey> keys_;

  std::vector<Row> rows_;
  size_t next_ = 0;
  bool sorted_ = false;
};

}  // namespace

OperatorPtr MakeSort(OperatorPtr child, std::vector<SortKey> keys) {
  return std::make_unique<Sort>(std::move(child), std::move(keys));
}

}  // namespace datacave::sql
