// Window functions: f(...) OVER (PARTITION BY ... ORDER BY ... frame), named windows
// (WINDOW w AS (...)), and the errors PostgreSQL's parse_agg.c / parse_clause.c give.

#include "sql/binder/binder.h"
#include "sql/binder/binder_context.h"
#include "sql/binder/type_rules.h"
#include "sql/parser/parser.h"

namespace datacave::sql {
namespace {

constexpr const char* kWindowArguments = "window function calls";
constexpr const char* kWindowDefinitions = "window definitions";

std::string ArgumentTypes(const std::vector<BoundExprPtr>& args) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += TypeDisplayName(args[i]->type);
  }
  return out;
}

// A window's effective clauses after following WINDOW-clause references.
struct EffectiveWindow {
  const ast::ExprList* partition_by = nullptr;
  const std::vector<ast::SortItem>* order_by = nullptr;
  const ast::WindowSpec* frame = nullptr;  // the spec whose frame applies, or null
};

Status ResolveWindow(const ast::WindowSpec& spec, const std::vector<ast::NamedWindow>& named,
                     size_t visible, EffectiveWindow* out) {
  out->partition_by = &spec.partition_by;
  out->order_by = &spec.order_by;
  out->frame = spec.frame_mode == ast::FrameMode::kDefault ? nullptr : &spec;
  if (spec.ref_name.empty()) return Status::Ok();
  size_t index = 0;
  while (index < visible && named[index].name != spec.ref_name) ++index;
  if (index == visible) {
    return BindError("42704", "window \"" + spec.ref_name + "\" does not exist", spec.location);
  }
  EffectiveWindow base;
  DC_RETURN_IF_ERROR(ResolveWindow(named[index].spec, named, index, &base));
  if (!spec.partition_by.empty()) {
    return BindError("42P20",
                     "cannot override PARTITION BY clause of window \"" + spec.ref_name + "\"",
                     spec.partition_by[0]->location);
  }
  out->partition_by = base.partition_by;
  if (!spec.order_by.empty() && !base.order_by->empty()) {
    return BindError("42P20", "cannot override ORDER BY clause of window \"" + spec.ref_name + "\"",
                     spec.order_by[0].expr->location);
  }
  if (spec.order_by.empty()) out->order_by = base.order_by;
  if (base.frame) {
    if (!spec.order_by.empty() || out->frame) {
      return BindError("42P20",
                       "cannot copy window \"" + spec.ref_name + "\" because it has a frame clause",
                       spec.location);
    }
    out->frame = base.frame;
  }
  return Status::Ok();
}

}  // namespace

bool IsWindowFunction(std::string_view name) {
  return name == "row_number" || name == "rank" || name == "dense_rank" || name == "percent_rank" ||
         name == "cume_dist" || name == "ntile" || name == "lag" || name == "lead" ||
         name == "first_value" || name == "last_value" || name == "nth_value";
}

Status Binder::BindWindowFrame(const ast::WindowSpec& spec, WindowFrame* frame) {
  frame->rows = spec.frame_mode == ast::FrameMode::kRows;
  frame->groups = spec.frame_mode == ast::FrameMode::kGroups;
  frame->start = static_cast<FrameBoundKind>(spec.frame_start.kind);
  frame->end = static_cast<FrameBoundKind>(spec.frame_end.kind);
  for (const ast::FrameBound* bound : {&spec.frame_start, &spec.frame_end}) {
    if (!bound->offset) continue;
    if (spec.frame_mode == ast::FrameMode::kRange) {
      return Status::NotSupported("RANGE with offset PRECEDING/FOLLOWING is not supported")
          .WithPosition(spec.frame_location + 1);
    }
    // No columns are in scope: the offset is a constant (or a parameter).
    std::vector<ScopeColumn> none;
    DC_ASSIGN_OR_RETURN(auto offset, BindScalar(*bound->offset, none));
    DC_ASSIGN_OR_RETURN(offset, CoerceImplicit(std::move(offset), Type::Of(TypeId::kInt8)));
    (bound == &spec.frame_start ? frame->start_offset : frame->end_offset) = std::move(offset);
  }
  return Status::Ok();
}

Result<BoundExprPtr> Binder::BindWindowFunction(const ast::FunctionExpr& call, Context& context) {
  const std::string& name = call.name.back();
  if (!context.windowing) {
    const std::string clause = context.clause;
    if (clause == "aggregate function calls") {
      return BindError("42803", "aggregate function calls cannot contain window function calls",
                       call.location);
    }
    if (clause == kWindowArguments) {
      return BindError("42P20", "window function calls cannot be nested", call.location);
    }
    return BindError("42P20", "window functions are not allowed in " + clause, call.location);
  }
  Context::Windowing& windowing = *context.windowing;
  const bool aggregate = IsAggregateFunction(name);
  if (!aggregate && !IsWindowFunction(name)) {
    return BindError(
        "42809",
        "OVER specified, but " + name + " is not a window function nor an aggregate function",
        call.location);
  }

  // The window: its own clauses, or a named window's with additions.
  static const std::vector<ast::NamedWindow> kNoWindows;
  const auto& named = windowing.named ? *windowing.named : kNoWindows;
  EffectiveWindow effective;
  DC_RETURN_IF_ERROR(ResolveWindow(*call.over, named, named.size(), &effective));
  Context definition_context = context;
  definition_context.windowing = nullptr;
  definition_context.set_function = nullptr;
  definition_context.clause = kWindowDefinitions;
  WindowDefinition definition;
  std::string key;
  for (const auto& expr : *effective.partition_by) {
    DC_ASSIGN_OR_RETURN(auto bound, BindExpr(*expr, definition_context));
    if (bound->type.id == TypeId::kUnknown) {
      DC_ASSIGN_OR_RETURN(bound, CoerceImplicit(std::move(bound), Type::Of(TypeId::kText)));
    }
    definition.partition_by.push_back(std::move(bound));
    key += "P" + ToSql(*expr) + ";";
  }
  for (const auto& item : *effective.order_by) {
    WindowOrder order;
    DC_ASSIGN_OR_RETURN(order.expr, BindExpr(*item.expr, definition_context));
    if (order.expr->type.id == TypeId::kUnknown) {
      DC_ASSIGN_OR_RETURN(order.expr,
                          CoerceImplicit(std::move(order.expr), Type::Of(TypeId::kText)));
    }
    order.descending = item.descending;
    order.nulls_first = item.nulls == ast::NullsOrder::kDefault
                            ? item.descending
                            : item.nulls == ast::NullsOrder::kFirst;
    key += "O" + ToSql(*item.expr) + (order.descending ? " D" : " A") +
           (order.nulls_first ? "F;" : "L;");
    definition.order_by.push_back(std::move(order));
  }
  if (effective.frame) {
    if (effective.frame->frame_mode == ast::FrameMode::kGroups && effective.order_by->empty()) {
      return BindError("42P20", "GROUPS mode requires an ORDER BY clause",
                       effective.frame->frame_location);
    }
    DC_RETURN_IF_ERROR(BindWindowFrame(*effective.frame, &definition.frame));
    key += "F" + std::to_string(static_cast<int>(effective.frame->frame_mode)) +
           std::to_string(static_cast<int>(effective.frame->frame_start.kind)) +
           (effective.frame->frame_start.offset ? ToSql(*effective.frame->frame_start.offset)
                                                : std::string()) +
           "," + std::to_string(static_cast<int>(effective.frame->frame_end.kind)) +
           (effective.frame->frame_end.offset ? ToSql(*effective.frame->frame_end.offset)
                                              : std::string());
  }

  // The function and its arguments, which see what the select list sees but no windows.
  Context inner = context;
  inner.windowing = nullptr;
  inner.set_function = nullptr;
  inner.clause = kWindowArguments;
  WindowFunctionSpec function;
  if (aggregate) {
    if (call.distinct) {
      return Status::NotSupported("DISTINCT is not implemented for window functions")
          .WithPosition(call.location + 1);
    }
    if (!call.order_by.empty()) {
      return Status::NotSupported("aggregate ORDER BY is not implemented for window functions")
          .WithPosition(call.location + 1);
    }
    function.kind = WindowFunctionKind::kAggregate;
    DC_ASSIGN_OR_RETURN(function.aggregate, BindAggregateSpec(call, inner));
    function.type = function.aggregate.type;
  } else {
    if (call.filter) {
      return Status::NotSupported("FILTER is not implemented for non-aggregate window functions")
          .WithPosition(call.location + 1);
    }
    if (call.distinct || call.star || !call.order_by.empty()) {
      return BindError("42809",
                       "DISTINCT, ORDER BY, FILTER or * specified, but " + name +
                           " is not an aggregate function",
                       call.location);
    }
    std::vector<BoundExprPtr> args;
    for (const auto& arg : call.args) {
      DC_ASSIGN_OR_RETURN(auto bound, BindExpr(*arg, inner));
      args.push_back(std::move(bound));
    }
    auto no_such_function = [&]() {
      return BindError("42883", "function " + name + "(" + ArgumentTypes(args) + ") does not exist",
                       call.location);
    };
    // An argument that must be an integer (lag's offset, ntile's and nth_value's count).
    auto integer_argument = [&](size_t i) -> Status {
      const TypeId id = args[i]->type.id;
      if (id != TypeId::kInt2 && id != TypeId::kInt4 && id != TypeId::kUnknown) {
        return no_such_function();
      }
      DC_ASSIGN_OR_RETURN(args[i], CoerceImplicit(std::move(args[i]), Type::Of(TypeId::kInt4)));
      return Status::Ok();
    };
    auto value_argument = [&]() -> Status {
      if (args[0]->type.id == TypeId::kUnknown) {  // anyelement cannot be unknown
        return BindError("42804",
                         "could not determine polymorphic type because input has type unknown",
                         call.location);
      }
      function.type = args[0]->type;
      return Status::Ok();
    };
    if (name == "row_number" || name == "rank" || name == "dense_rank" || name == "percent_rank" ||
        name == "cume_dist") {
      if (!args.empty()) return no_such_function();
      static constexpr std::pair<const char*, WindowFunctionKind> kRanking[] = {
          {"row_number", WindowFunctionKind::kRowNumber},
          {"rank", WindowFunctionKind::kRank},
          {"dense_rank", WindowFunctionKind::kDenseRank},
          {"percent_rank", WindowFunctionKind::kPercentRank},
          {"cume_dist", WindowFunctionKind::kCumeDist}};
      for (const auto& [ranking, kind] : kRanking) {
        if (name == ranking) function.kind = kind;
      }
      const bool fraction = function.kind == WindowFunctionKind::kPercentRank ||
                            function.kind == WindowFunctionKind::kCumeDist;
      function.type = Type::Of(fraction ? TypeId::kFloat8 : TypeId::kInt8);
    } else if (name == "ntile") {
      if (args.size() != 1) return no_such_function();
      DC_RETURN_IF_ERROR(integer_argument(0));
      function.kind = WindowFunctionKind::kNtile;
      function.type = Type::Of(TypeId::kInt4);
    } else if (name == "lag" || name == "lead") {
      if (args.empty() || args.size() > 3) return no_such_function();
      function.kind = name == "lag" ? WindowFunctionKind::kLag : WindowFunctionKind::kLead;
      if (args.size() > 1) DC_RETURN_IF_ERROR(integer_argument(1));
      if (args.size() == 3) {
        // lag(anycompatible, integer, anycompatible): value and default share one type.
        auto common = CommonType(args[0]->type, args[2]->type);
        if (!common) return no_such_function();
        Type type = ResolveUnknown(*common);
        DC_ASSIGN_OR_RETURN(args[0], CoerceImplicit(std::move(args[0]), type));
        DC_ASSIGN_OR_RETURN(args[2], CoerceImplicit(std::move(args[2]), type));
      }
      DC_RETURN_IF_ERROR(value_argument());
    } else if (name == "first_value" || name == "last_value") {
      if (args.size() != 1) return no_such_function();
      function.kind =
          name == "first_value" ? WindowFunctionKind::kFirstValue : WindowFunctionKind::kLastValue;
      DC_RETURN_IF_ERROR(value_argument());
    } else {  // nth_value
      if (args.size() != 2) return no_such_function();
      DC_RETURN_IF_ERROR(integer_argument(1));
      function.kind = WindowFunctionKind::kNthValue;
      DC_RETURN_IF_ERROR(value_argument());
    }
    function.args = std::move(args);
  }

  size_t index = 0;
  while (index < windowing.windows.size() && windowing.windows[index].key != key) ++index;
  if (index == windowing.windows.size()) {
    windowing.windows.push_back({key, std::move(definition), {}, {}});
  }
  auto& window = windowing.windows[index];
  auto ref = MakeColumnRef(-1, function.type);  // numbered by FinishWindows
  window.refs.push_back(ref.get());
  window.functions.push_back(std::move(function));
  return ref;
}

}  // namespace datacave::sql
