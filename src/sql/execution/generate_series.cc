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

class GenerateSeries final : public PhysicalOperator {
 public:
  GenerateSeries(std::vector<BoundExprPtr> args, Type type)
      : PhysicalOperator({type}), args_(std::move(args)) {}

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    if (!started_) {
      DC_RETURN_IF_ERROR(Start(context));
      started_ = true;
    }
    while (!done_ && out->size() < kBatchRows) {
      const int c = Value::Compare(current_, stop_);
      if (ascending_ ? c > 0 : c < 0) {
        done_ = true;
        break;
      }
      out->push_back(Row{current_});
      auto next = Arithmetic(ArithOp::kAdd, current_, step_);
      if (!next.ok()) {
        // An integer series ends where the next value would overflow, as in PostgreSQL.
        const TypeId id = types_[0].id;
        if (id == TypeId::kInt4 || id == TypeId::kInt8) {
          done_ = true;
          break;
        }
        return next.status();
      }
      current_ = std::move(*next);
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    started_ = done_ = false;
  }

  std::string Describe() const override { return "Function Scan on generate_series"; }

 private:
  Status Start(ExecContext& context) {
    Row empty;
    std::vector<Value> values;
    for (const auto& arg : args_) {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*arg, empty, context.eval));
      if (v.is_null()) {
        done_ = true;
        return Status::Ok();
      }
      values.push_back(std::move(v));
    }
    const TypeId id = types_[0].id;
    if (values.size() == 2) {
      if (id == TypeId::kNumeric) {
        values.push_back(Value::FromNumeric(Numeric::FromInt64(1)));
      } else {
        values.push_back(id == TypeId::kInt8 ? Value::Int8(1) : Value::Int4(1));
      }
    }
    if (id == TypeId::kNumeric) {
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

  std::vector<BoundExprPtr> args_;

  Value current_, stop_, step_;
  bool ascending_ = true;
  bool started_ = false;
  bool done_ = false;
};

}  // namespace

OperatorPtr MakeGenerateSeries(std::vector<BoundExprPtr> args, Type type) {
  return std::make_unique<GenerateSeries>(std::move(args), type);
}

}  // namespace datacave::sql
