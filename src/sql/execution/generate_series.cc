// generate_series(start, stop[, step]) as a FROM item: streams the series without holding
// it. The arguments are evaluated when the scan starts (so outer references and parameters
// work); a NULL argument gives no rows, as for PostgreSQL's strict function.

#include "sql/execution/operator.h"
#include "sql/types/operators.h"

namespace datacave::sql {
namespace {

Status InvalidParameter(std::string message) {
  return Status::Sql(StatusCode::kInvalidArgument, "22023", std::move(message));
}

// One run of a series: Start with the arguments' values over a row, then Next until false.
class SeriesCursor {
 public:
  explicit SeriesCursor(TypeId type) : type_(type) {}

  Status Start(const std::vector<BoundExprPtr>& args, const Row& row, ExecContext& context) {
    done_ = true;
    std::vector<Value> values;
    for (const auto& arg : args) {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*arg, row, context.eval));
      if (v.is_null()) return Status::Ok();
      values.push_back(std::move(v));
    }
    if (values.size() == 2) {
      if (type_ == TypeId::kNumeric) {
        values.push_back(Value::FromNumeric(Numeric::FromInt64(1)));
      } else {
        values.push_back(type_ == TypeId::kInt8 ? Value::Int8(1) : Value::Int4(1));
      }
    }
    if (type_ == TypeId::kNumeric) {
      static constexpr const char* kNames[] = {"start value", "stop value", "step size"};
      for (size_t i = 0; i < 3; ++i) {
        const Numeric& n = values[i].numeric_value();
        if (n.is_nan()) return InvalidParameter(std::string(kNames[i]) + " cannot be NaN");
        if (n.is_infinite()) {
          return InvalidParameter(std::string(kNames[i]) + " cannot be infinity");
        }
      }
    }
    DC_ASSIGN_OR_RETURN(Value zero, Arithmetic(ArithOp::kSub, values[2], values[2]));
    const int sign = Value::Compare(values[2], zero);
    if (sign == 0) return InvalidParameter("step size cannot equal zero");
    current_ = std::move(values[0]);
    stop_ = std::move(values[1]);
    step_ = std::move(values[2]);
    ascending_ = sign > 0;
    done_ = false;
    return Status::Ok();
  }

  // The next value into *out, or false at the end.
  Result<bool> Next(Value* out) {
    if (done_) return false;
    const int c = Value::Compare(current_, stop_);
    if (ascending_ ? c > 0 : c < 0) {
      done_ = true;
      return false;
    }
    *out = current_;
    auto next = Arithmetic(ArithOp::kAdd, current_, step_);
    if (!next.ok()) {
      // An integer series ends where the next value would overflow, as in PostgreSQL.
      if (type_ != TypeId::kInt4 && type_ != TypeId::kInt8) return next.status();
      done_ = true;
    } else {
      current_ = std::move(*next);
    }
    return true;
  }

  void Reset() { done_ = true; }

 private:
  TypeId type_;
  Value current_, stop_, step_;
  bool ascending_ = true;
  bool done_ = true;
};

class GenerateSeries final : public PhysicalOperator {
 public:
  GenerateSeries(std::vector<BoundExprPtr> args, Type type)
      : PhysicalOperator({type}), args_(std::move(args)), cursor_(type.id) {}

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
    if (!started_) {
      DC_RETURN_IF_ERROR(cursor_.Start(args_, Row{}, context));
      started_ = true;
    }
    Value v;
    while (out->size() < kBatchRows) {
      DC_ASSIGN_OR_RETURN(bool more, cursor_.Next(&v));
      if (!more) break;
      out->push_back(Row{std::move(v)});
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    started_ = false;
  }

  std::string Describe() const override { return "Function Scan on generate_series"; }

 private:
  std::vector<BoundExprPtr> args_;
  SeriesCursor cursor_;
  bool started_ = false;
};

// generate_series in a select list: each input row once per value of its series (none for
// an empty one), with the value appended.
class ProjectSet final : public PhysicalOperator {
 public:
  ProjectSet(OperatorPtr child, std::vector<BoundExprPtr> args, Type type)
      : PhysicalOperator(ConcatTypes(child->types(), {type})),
        args_(std::move(args)),
        cursor_(type.id) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
    Value v;
    while (out->size() < kBatchRows) {
      DC_ASSIGN_OR_RETURN(bool more, cursor_.Next(&v));
      if (more) {
        Row row = input_[next_ - 1];
        row.push_back(std::move(v));
        out->push_back(std::move(row));
        continue;
      }
      if (next_ == input_.size()) {
        DC_RETURN_IF_ERROR(children_[0]->Next(context, &input_));
        next_ = 0;
        if (input_.empty()) break;
      }
      DC_RETURN_IF_ERROR(cursor_.Start(args_, input_[next_++], context));
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    input_.clear();
    next_ = 0;
    cursor_.Reset();
  }

  std::string Describe() const override { return "ProjectSet"; }

 private:
  std::vector<BoundExprPtr> args_;
  SeriesCursor cursor_;
  Batch input_;
  size_t next_ = 0;  // the next input row to start a series for
};

}  // namespace

OperatorPtr MakeGenerateSeries(std::vector<BoundExprPtr> args, Type type) {
  return std::make_unique<GenerateSeries>(std::move(args), type);
}

OperatorPtr MakeProjectSet(OperatorPtr child, std::vector<BoundExprPtr> args, Type type) {
  return std::make_unique<ProjectSet>(std::move(child), std::move(args), type);
}

}  // namespace datacave::sql
