// The window operator: reads all input rows, sorts them by partition then order keys, and
// computes each window function per partition. Rows with equal order keys are peers (with
// no ORDER BY, the whole partition); RANGE frames end at the current row's last peer.

#include <algorithm>
#include <optional>

#include "sql/execution/aggregate.h"
#include "sql/execution/operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

Status WindowArgumentError(std::string_view sqlstate, std::string message) {
  return Status::Sql(StatusCode::kInvalidArgument, sqlstate, std::move(message));
}

class Window final : public PhysicalOperator {
 public:
  Window(OperatorPtr child, WindowDefinition window, std::vector<WindowFunctionSpec> functions)
      : PhysicalOperator(OutputTypes(child->types(), functions)),
        window_(std::move(window)),
        functions_(std::move(functions)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    if (!built_) {
      DC_RETURN_IF_ERROR(Build(context));
      built_ = true;
    }
    while (next_ < entries_.size() && out->size() < kBatchRows) {
      out->push_back(std::move(entries_[next_++].row));
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    entries_.clear();
    next_ = 0;
    built_ = false;
  }

  std::string Describe() const override { return "WindowAgg"; }

 private:
  struct Entry {
    Row row;
    Row keys;  // partition values, then order values
  };
  // One partition's rows [begin, end) of entries_, with each row's peer group [start, end).
  struct Partition {
    size_t begin, end;
    std::vector<size_t> peer_start, peer_end;  // indexed by row - begin
    std::vector<size_t> group_of;              // each row's peer group number, by row - begin
    std::vector<size_t> group_start;           // each peer group's first row
  };

  static std::vector<Type> OutputTypes(std::vector<Type> types,
                                       const std::vector<WindowFunctionSpec>& functions) {
    for (const auto& function : functions) types.push_back(function.type);
    return types;
  }

  Status Build(ExecContext& context) {
    const size_t width = children_[0]->types().size();
    Batch batch;
    uint64_t bytes = 0;
    while (true) {
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &batch));
      if (batch.empty()) break;
      for (auto& row : batch) {
        Entry entry;
        for (const auto& expr : window_.partition_by) {
          DC_ASSIGN_OR_RETURN(Value v, Eval(*expr, row, context.eval));
          entry.keys.push_back(std::move(v));
        }
        for (const auto& order : window_.order_by) {
          DC_ASSIGN_OR_RETURN(Value v, Eval(*order.expr, row, context.eval));
          entry.keys.push_back(std::move(v));
        }
        entry.row = std::move(row);
        bytes += ApproximateRowBytes(entry.row) + ApproximateRowBytes(entry.keys);
        entries_.push_back(std::move(entry));
      }
      if (bytes > context.memory_limit) {
        return MemoryLimitExceeded("a window function", context.memory_limit);
      }
    }
    const size_t partition_keys = window_.partition_by.size();
    std::stable_sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
      for (size_t k = 0; k < a.keys.size(); ++k) {
        const WindowOrder* order =
            k < partition_keys ? nullptr : &window_.order_by[k - partition_keys];
        const int c = CompareForSort(a.keys[k], b.keys[k], order && order->descending,
                                     order && order->nulls_first);
        if (c != 0) return c < 0;
      }
      return false;
    });
    DC_ASSIGN_OR_RETURN(start_offset_,
                        FrameOffset(window_.frame.start_offset, "starting", context));
    DC_ASSIGN_OR_RETURN(end_offset_, FrameOffset(window_.frame.end_offset, "ending", context));

    std::vector<Row> results(entries_.size());
    RowEqual equal;
    auto same_keys = [&](size_t a, size_t b, size_t from, size_t to) {
      Row x(entries_[a].keys.begin() + static_cast<ptrdiff_t>(from),
            entries_[a].keys.begin() + static_cast<ptrdiff_t>(to));
      Row y(entries_[b].keys.begin() + static_cast<ptrdiff_t>(from),
            entries_[b].keys.begin() + static_cast<ptrdiff_t>(to));
      return equal(x, y);
    };
    const size_t all_keys = partition_keys + window_.order_by.size();
    for (size_t begin = 0; begin < entries_.size();) {
      Partition partition;
      partition.begin = begin;
      size_t end = begin + 1;
      while (end < entries_.size() && same_keys(begin, end, 0, partition_keys)) ++end;
      partition.end = end;
      for (size_t i = begin; i < end;) {
        size_t j = i + 1;
        while (j < end && same_keys(i, j, partition_keys, all_keys)) ++j;
        for (size_t k = i; k < j; ++k) {
          partition.peer_start.push_back(i);
          partition.peer_end.push_back(j);
          partition.group_of.push_back(partition.group_start.size());
        }
        partition.group_start.push_back(i);
        i = j;
      }
      for (const auto& function : functions_) {
        DC_RETURN_IF_ERROR(Compute(function, partition, context, &results, &bytes));
      }
      begin = end;
    }
    for (size_t i = 0; i < entries_.size(); ++i) {
      Row& row = entries_[i].row;
      row.resize(width);
      for (Value& v : results[i]) row.push_back(std::move(v));
    }
    return Status::Ok();
  }

  static Result<int64_t> FrameOffset(const BoundExprPtr& expr, const char* which,
                                     ExecContext& context) {
    if (!expr) return int64_t{0};
    Row empty;
    DC_ASSIGN_OR_RETURN(Value v, Eval(*expr, empty, context.eval));
    if (v.is_null()) {
      return WindowArgumentError("22004",
                                 std::string("frame ") + which + " offset must not be null");
    }
    if (v.int_value() < 0) {
      return WindowArgumentError("22013",
                                 std::string("frame ") + which + " offset must not be negative");
    }
    return v.int_value();
  }

  // The frame of row i: entries [*start, *end), maybe empty.
  void Frame(const Partition& p, size_t i, size_t* start, size_t* end) const {
    const WindowFrame& frame = window_.frame;
    if (frame.groups) return GroupsFrame(p, i, start, end);
    const size_t offset = i - p.begin;
    auto back = [&](int64_t n) {  // i - n, at least the partition's start
      return static_cast<uint64_t>(n) >= i - p.begin ? p.begin : i - static_cast<size_t>(n);
    };
    auto ahead = [&](int64_t n) {  // i + n, at most the partition's end
      return static_cast<uint64_t>(n) >= p.end - i ? p.end : i + static_cast<size_t>(n);
    };
    switch (frame.start) {
      case FrameBoundKind::kUnboundedPreceding: *start = p.begin; break;
      case FrameBoundKind::kPreceding: *start = back(start_offset_); break;
      case FrameBoundKind::kCurrentRow: *start = frame.rows ? i : p.peer_start[offset]; break;
      case FrameBoundKind::kFollowing: *start = ahead(start_offset_); break;
      case FrameBoundKind::kUnboundedFollowing: *start = p.end; break;
    }
    switch (frame.end) {
      case FrameBoundKind::kUnboundedPreceding: *end = p.begin; break;
      case FrameBoundKind::kPreceding: *end = back(end_offset_) + 1; break;
      case FrameBoundKind::kCurrentRow: *end = frame.rows ? i + 1 : p.peer_end[offset]; break;
      case FrameBoundKind::kFollowing: *end = std::min(ahead(end_offset_) + 1, p.end); break;
      case FrameBoundKind::kUnboundedFollowing: *end = p.end; break;
    }
    if (frame.end == FrameBoundKind::kPreceding &&
        static_cast<uint64_t>(end_offset_) > i - p.begin) {
      *end = p.begin;  // the frame ends before the partition starts
    }
    if (*end < *start) *end = *start;
  }

  // GROUPS: offsets count peer groups before or after the current row's.
  void GroupsFrame(const Partition& p, size_t i, size_t* start, size_t* end) const {
    const WindowFrame& frame = window_.frame;
    const size_t group = p.group_of[i - p.begin], groups = p.group_start.size();
    auto first_row = [&](size_t g) { return g < groups ? p.group_start[g] : p.end; };
    auto back = [&](int64_t n) {  // group - n, or nullopt before the first
      return static_cast<uint64_t>(n) > group
                 ? std::optional<size_t>()
                 : std::optional<size_t>(group - static_cast<size_t>(n));
    };
    auto ahead = [&](int64_t n) {  // group + n, at most groups
      return static_cast<uint64_t>(n) >= groups - group ? groups : group + static_cast<size_t>(n);
    };
    switch (frame.start) {
      case FrameBoundKind::kPreceding: *start = first_row(back(start_offset_).value_or(0)); break;
      case FrameBoundKind::kFollowing: *start = first_row(ahead(start_offset_)); break;
      case FrameBoundKind::kCurrentRow: *start = first_row(group); break;
      default: *start = p.begin; break;
    }
    switch (frame.end) {
      case FrameBoundKind::kPreceding: {
        auto g = back(end_offset_);
        *end = g ? first_row(*g + 1) : p.begin;
        break;
      }
      case FrameBoundKind::kFollowing:
        *end = first_row(std::min(ahead(end_offset_) + 1, groups));
        break;
      case FrameBoundKind::kCurrentRow: *end = first_row(group + 1); break;
      default: *end = p.end; break;
    }
    if (*end < *start) *end = *start;
  }

  // An integer argument evaluated at row i (lag's offset, nth_value's n); nullopt for NULL.
  Result<std::optional<int64_t>> IntegerArgument(const WindowFunctionSpec& function, size_t arg,
                                                 size_t i, ExecContext& context) const {
    if (function.args.size() <= arg) return std::optional<int64_t>(1);
    DC_ASSIGN_OR_RETURN(Value v, Eval(*function.args[arg], entries_[i].row, context.eval));
    if (v.is_null()) return std::optional<int64_t>();
    return std::optional<int64_t>(v.int_value());
  }

  Status Compute(const WindowFunctionSpec& function, const Partition& p, ExecContext& context,
                 std::vector<Row>* results, uint64_t* bytes) const {
    const size_t rows = p.end - p.begin;
    int64_t dense_rank = 0;
    // Aggregates: the state over [state_begin, state_end); the last frame and its value.
    AggregateState state;
    size_t state_begin = p.begin, state_end = p.begin;
    size_t last_start = 0, last_end = 0;
    bool have_last = false;
    Value last_value;
    for (size_t i = p.begin; i < p.end; ++i) {
      const size_t offset = i - p.begin;
      const size_t peer_start = p.peer_start[offset];
      Value result;
      switch (function.kind) {
        case WindowFunctionKind::kRowNumber:
          result = Value::Int8(static_cast<int64_t>(offset + 1));
          break;
        case WindowFunctionKind::kRank:
          result = Value::Int8(static_cast<int64_t>(peer_start - p.begin + 1));
          break;
        case WindowFunctionKind::kDenseRank:
          if (peer_start == i) ++dense_rank;
          result = Value::Int8(dense_rank);
          break;
        case WindowFunctionKind::kPercentRank:
          result = Value::Float8(rows > 1 ? static_cast<double>(peer_start - p.begin) /
                                                static_cast<double>(rows - 1)
                                          : 0.0);
          break;
        case WindowFunctionKind::kCumeDist:
          result = Value::Float8(static_cast<double>(p.peer_end[offset] - p.begin) /
                                 static_cast<double>(rows));
          break;
        case WindowFunctionKind::kNtile: {
          // PostgreSQL reads the bucket count once per partition.
          DC_ASSIGN_OR_RETURN(auto n, IntegerArgument(function, 0, p.begin, context));
          if (!n) {
            result = Value::Null(TypeId::kInt4);
            break;
          }
          if (*n <= 0) {
            return WindowArgumentError("22014", "argument of ntile must be greater than zero");
          }
          const uint64_t buckets = static_cast<uint64_t>(*n);
          const uint64_t per_bucket = rows / buckets, remainder = rows % buckets;
          const uint64_t boundary = remainder * (per_bucket + 1);
          const uint64_t bucket = offset < boundary
                                      ? offset / (per_bucket + 1) + 1
                                      : remainder + (offset - boundary) / per_bucket + 1;
          result = Value::Int4(static_cast<int32_t>(bucket));
          break;
        }
        case WindowFunctionKind::kLag:
        case WindowFunctionKind::kLead: {
          DC_ASSIGN_OR_RETURN(auto n, IntegerArgument(function, 1, i, context));
          if (!n) {
            result = Value::Null(function.type.id);
            break;
          }
          // A negative offset looks the other way, as in PostgreSQL.
          const bool back = (function.kind == WindowFunctionKind::kLag) == (*n >= 0);
          // |n| without overflow for INT64_MIN.
          const uint64_t distance =
              *n >= 0 ? static_cast<uint64_t>(*n) : uint64_t{0} - static_cast<uint64_t>(*n);
          const bool inside = back ? distance <= i - p.begin : distance < p.end - i;
          if (inside) {
            const size_t target = back ? i - distance : i + distance;
            DC_ASSIGN_OR_RETURN(result,
                                Eval(*function.args[0], entries_[target].row, context.eval));
          } else if (function.args.size() > 2) {
            DC_ASSIGN_OR_RETURN(result, Eval(*function.args[2], entries_[i].row, context.eval));
          } else {
            result = Value::Null(function.type.id);
          }
          break;
        }
        case WindowFunctionKind::kFirstValue:
        case WindowFunctionKind::kLastValue:
        case WindowFunctionKind::kNthValue: {
          size_t start, end;
          Frame(p, i, &start, &end);
          size_t target = end;  // none
          if (function.kind == WindowFunctionKind::kFirstValue) {
            target = start < end ? start : end;
          } else if (function.kind == WindowFunctionKind::kLastValue) {
            target = start < end ? end - 1 : end;
          } else {
            DC_ASSIGN_OR_RETURN(auto n, IntegerArgument(function, 1, i, context));
            if (n && *n <= 0) {
              return WindowArgumentError("22016",
                                         "argument of nth_value must be greater than zero");
            }
            if (n && static_cast<uint64_t>(*n) <= end - start) {
              target = start + static_cast<size_t>(*n) - 1;
            }
          }
          if (target < end) {
            DC_ASSIGN_OR_RETURN(result,
                                Eval(*function.args[0], entries_[target].row, context.eval));
          } else {
            result = Value::Null(function.type.id);
          }
          break;
        }
        case WindowFunctionKind::kAggregate: {
          size_t start, end;
          Frame(p, i, &start, &end);
          if (!have_last || start != last_start || end != last_end) {
            // A frame that starts where the state starts and ends no earlier extends it;
            // any other is computed afresh.
            if (start != state_begin || end < state_end) {
              state = AggregateState();
              state_begin = state_end = start;
            }
            for (; state_end < end; ++state_end) {
              DC_RETURN_IF_ERROR(AccumulateAggregate(function.aggregate, state,
                                                     entries_[state_end].row, context.eval, bytes));
            }
            DC_ASSIGN_OR_RETURN(last_value, FinishAggregate(function.aggregate, state));
            last_start = start;
            last_end = end;
            have_last = true;
            if (*bytes > context.memory_limit) {
              return MemoryLimitExceeded("a window function", context.memory_limit);
            }
          }
          result = last_value;
          break;
        }
      }
      (*results)[i].push_back(std::move(result));
    }
    return Status::Ok();
  }

  WindowDefinition window_;
  std::vector<WindowFunctionSpec> functions_;

  std::vector<Entry> entries_;
  int64_t start_offset_ = 0, end_offset_ = 0;
  size_t next_ = 0;
  bool built_ = false;
};

}  // namespace

OperatorPtr MakeWindow(OperatorPtr child, WindowDefinition window,
                       std::vector<WindowFunctionSpec> functions) {
  return std::make_unique<Window>(std::move(child), std::move(window), std::move(functions));
}

}  // namespace datacave::sql
