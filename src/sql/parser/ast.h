#pragma once

// The parse tree: what the user wrote, with names unresolved and types unchecked. The
// parser builds it, the printer turns it back into SQL (parse -> print -> parse is a round
// trip), and the binder reads it. Nodes own their children through unique_ptr.
//
// Every node carries `location`, the byte offset of its first token in the query text (or
// -1), so later errors can point at the right place.
//
// Where PostgreSQL's grammar has several spellings of one thing, the tree keeps one:
// type names are canonical (INT -> int4, VARCHAR -> varchar), `x::t` and `t 'lit'` are casts,
// TRIM/AT TIME ZONE are function calls, `IN (subquery)` is a SubqueryExpr.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace datacave::sql::ast {

struct Expr;
struct SelectStmt;
struct TableRef;
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;
using QualifiedName = std::vector<std::string>;  // "s.t" is {"s", "t"}

// A type as written, canonicalised: "int4", "float8", "numeric", "varchar", "bpchar",
// "timestamptz", or any other name as written (the binder decides whether it exists).
struct TypeName {
  std::string name;
  std::vector<int32_t> modifiers;  // varchar(10) -> {10}; numeric(10, 2) -> {10, 2}
  bool array = false;              // int4[] (any number of [] or [n], or ARRAY: one dimension)
  int location = -1;
};

// ---------------------------------------------------------------------------------------
// Expressions

enum class ExprKind {
  kConstant,
  kColumnRef,
  kParameter,
  kOperator,
  kBool,
  kNullTest,
  kBooleanTest,
  kDistinctFrom,
  kBetween,
  kInList,
  kLike,
  kSubquery,
  kFunction,
  kCast,
  kCase,
  kRow,
  kDefault,
  kArray,      // ARRAY[a, b]
  kSubscript,  // x[i]
};

struct Expr {
  explicit Expr(ExprKind k, int loc = -1) : kind(k), location(loc) {}
  virtual ~Expr() = default;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }

  const ExprKind kind;
  int location;
};

enum class NullsOrder { kDefault, kFirst, kLast };

struct SortItem {
  ExprPtr expr;
  bool descending = false;
  NullsOrder nulls = NullsOrder::kDefault;
};

// A window frame's start or end: UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, ...
enum class FrameBoundKind {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing
};
struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kUnboundedPreceding;
  ExprPtr offset;  // kPreceding, kFollowing
};
// kDefault: no frame clause (RANGE UNBOUNDED PRECEDING to CURRENT ROW).
enum class FrameMode { kDefault, kRange, kRows, kGroups };

// OVER (name PARTITION BY ... ORDER BY ... frame) or OVER name.
struct WindowSpec {
  std::string ref_name;  // a window named in the WINDOW clause, or empty
  ExprList partition_by;
  std::vector<SortItem> order_by;
  FrameMode frame_mode = FrameMode::kDefault;
  FrameBound frame_start;
  FrameBound frame_end;  // CURRENT ROW when the clause names only a start
  int location = -1;
  int frame_location = -1;
};

enum class ConstantKind { kNull, kBoolean, kInteger, kNumeric, kString, kBitString };

// NULL, TRUE/FALSE, 42, 4.2e1, 'text', B'101'. Numbers keep their text: the binder picks
// the type (int4, int8 or numeric) as PostgreSQL does.
struct ConstantExpr : Expr {
  explicit ConstantExpr(int loc = -1) : Expr(ExprKind::kConstant, loc) {}
  ConstantKind constant_kind = ConstantKind::kNull;
  std::string text;         // kInteger, kNumeric, kString, kBitString ('b' or 'x' + digits)
  bool bool_value = false;  // kBoolean
};

// a, t.a, s.t.a; `*` and `t.*` set star (names then hold only the qualifier).
struct ColumnRefExpr : Expr {
  explicit ColumnRefExpr(int loc = -1) : Expr(ExprKind::kColumnRef, loc) {}
  QualifiedName names;
  bool star = false;
};

// $1, $2, ...
struct ParameterExpr : Expr {
  explicit ParameterExpr(int loc = -1) : Expr(ExprKind::kParameter, loc) {}
  int index = 0;  // 1-based
};

// A binary or prefix operator: + - * / % ^ || = <> < <= > >= ~ and the rest. `<>` and
// `!=` are both "<>". left is null for a prefix operator.
struct OperatorExpr : Expr {
  explicit OperatorExpr(int loc = -1) : Expr(ExprKind::kOperator, loc) {}
  std::string op;
  ExprPtr left;
  ExprPtr right;
};

enum class BoolOp { kAnd, kOr, kNot };

// AND and OR have two arguments, NOT one.
struct BoolExpr : Expr {
  explicit BoolExpr(int loc = -1) : Expr(ExprKind::kBool, loc) {}
  BoolOp op = BoolOp::kAnd;
  ExprList args;
};

// x IS [NOT] NULL, x ISNULL, x NOTNULL.
struct NullTestExpr : Expr {
  explicit NullTestExpr(int loc = -1) : Expr(ExprKind::kNullTest, loc) {}
  ExprPtr arg;
  bool negated = false;
};

enum class BooleanTest { kTrue, kNotTrue, kFalse, kNotFalse, kUnknown, kNotUnknown };

struct BooleanTestExpr : Expr {
  explicit BooleanTestExpr(int loc = -1) : Expr(ExprKind::kBooleanTest, loc) {}
  ExprPtr arg;
  BooleanTest test = BooleanTest::kTrue;
};

// a IS [NOT] DISTINCT FROM b.
struct DistinctFromExpr : Expr {
  explicit DistinctFromExpr(int loc = -1) : Expr(ExprKind::kDistinctFrom, loc) {}
  ExprPtr left;
  ExprPtr right;
  bool negated = false;  // IS NOT DISTINCT FROM
};

// x [NOT] BETWEEN [SYMMETRIC] low AND high.
struct BetweenExpr : Expr {
  explicit BetweenExpr(int loc = -1) : Expr(ExprKind::kBetween, loc) {}
  ExprPtr arg;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
  bool symmetric = false;
};

// x [NOT] IN (a, b, c).
struct InListExpr : Expr {
  explicit InListExpr(int loc = -1) : Expr(ExprKind::kInList, loc) {}
  ExprPtr arg;
  ExprList list;
  bool negated = false;
};

enum class LikeKind { kLike, kILike, kSimilar };

// x [NOT] LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e].
struct LikeExpr : Expr {
  explicit LikeExpr(int loc = -1) : Expr(ExprKind::kLike, loc) {}
  LikeKind like_kind = LikeKind::kLike;
  ExprPtr arg;
  ExprPtr pattern;
  ExprPtr escape;  // may be null
  bool negated = false;
};

enum class SubqueryKind {
  kScalar,  // (SELECT ...)
  kExists,  // EXISTS (SELECT ...)
  kIn,      // left [NOT] IN (SELECT ...)
  kAny,     // left op ANY|SOME (SELECT ...)
  kAll,     // left op ALL (SELECT ...)
  kArray,   // ARRAY(SELECT ...)
};

struct SubqueryExpr : Expr {
  explicit SubqueryExpr(int loc = -1) : Expr(ExprKind::kSubquery, loc) {}
  SubqueryKind subquery_kind = SubqueryKind::kScalar;
  ExprPtr left;          // kIn, kAny, kAll
  std::string op;        // kAny, kAll
  bool negated = false;  // NOT IN
  std::unique_ptr<SelectStmt> query;
  ExprPtr array;  // kAny, kAll over an array (`x = ANY (arr)`) instead of a query
};

// ARRAY[a, b, ...].
struct ArrayExpr : Expr {
  explicit ArrayExpr(int loc = -1) : Expr(ExprKind::kArray, loc) {}
  ExprList elements;
};

// arg[index].
struct SubscriptExpr : Expr {
  explicit SubscriptExpr(int loc = -1) : Expr(ExprKind::kSubscript, loc) {}
  ExprPtr arg;
  ExprPtr index;
};

// f(args), f(DISTINCT args), count(*), agg(...) FILTER (WHERE ...), f(...) OVER (...).
// Keyword forms (CURRENT_DATE, EXTRACT(f FROM x), POSITION(a IN b), COALESCE(...)) are
// function calls too; `special_syntax` remembers the ones that must print as written.
struct FunctionExpr : Expr {
  explicit FunctionExpr(int loc = -1) : Expr(ExprKind::kFunction, loc) {}
  ~FunctionExpr() override;
  QualifiedName name;  // lower case; "pg_catalog.now" is {"pg_catalog", "now"}
  ExprList args;
  bool distinct = false;
  bool star = false;               // count(*)
  bool special_syntax = false;     // current_date (no parentheses), extract, position
  std::vector<SortItem> order_by;  // string_agg(x, ',' ORDER BY y)
  ExprPtr filter;
  std::unique_ptr<WindowSpec> over;
};

// CAST(x AS t), x::t, and typed literals such as DATE '2024-01-01'.
struct CastExpr : Expr {
  explicit CastExpr(int loc = -1) : Expr(ExprKind::kCast, loc) {}
  ExprPtr arg;
  TypeName type;
};

struct CaseWhen {
  ExprPtr condition;
  ExprPtr result;
};

// CASE [arg] WHEN ... THEN ... [ELSE ...] END.
struct CaseExpr : Expr {
  explicit CaseExpr(int loc = -1) : Expr(ExprKind::kCase, loc) {}
  ExprPtr arg;  // null for the searched form
  std::vector<CaseWhen> whens;
  ExprPtr else_result;  // may be null
};

// ROW(a, b) or (a, b).
struct RowExpr : Expr {
  explicit RowExpr(int loc = -1) : Expr(ExprKind::kRow, loc) {}
  ExprList args;
};

// DEFAULT, in INSERT ... VALUES and UPDATE ... SET.
struct DefaultExpr : Expr {
  explicit DefaultExpr(int loc = -1) : Expr(ExprKind::kDefault, loc) {}
};

// ---------------------------------------------------------------------------------------
// Queries

struct Alias {
  std::string name;  // empty: no alias
  std::vector<std::string> columns;
};

enum class TableRefKind { kTable, kSubquery, kFunction, kJoin };
enum class JoinType { kInner, kLeft, kRight, kFull, kCross };

struct TableRef {
  explicit TableRef(TableRefKind k, int loc = -1) : kind(k), location(loc) {}
  ~TableRef();
  TableRefKind kind;
  int location;
  Alias alias;

  QualifiedName name;                 // kTable
  std::unique_ptr<SelectStmt> query;  // kSubquery
  ExprPtr function;                   // kFunction: a FunctionExpr
  bool lateral = false;               // kSubquery, kFunction

  JoinType join_type = JoinType::kInner;  // kJoin
  std::unique_ptr<TableRef> left;
  std::unique_ptr<TableRef> right;
  ExprPtr on;                              // JOIN ... ON
  std::vector<std::string> using_columns;  // JOIN ... USING (...)
  bool natural = false;
};

struct ResultTarget {
  ExprPtr expr;
  std::string alias;  // empty: none written
  int location = -1;
};

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> query;
  int location = -1;
};

struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;
};

struct NamedWindow {
  std::string name;
  WindowSpec spec;
};

enum class SetOpKind { kUnion, kIntersect, kExcept };

// A query: SELECT, VALUES, or a set operation of two queries, with the clauses that apply
// to the whole (WITH, ORDER BY, LIMIT, OFFSET). Nested queries are SelectStmts too.
struct SelectStmt {
  enum class Body { kSelect, kValues, kSetOp };
  Body body = Body::kSelect;
  int location = -1;
  std::unique_ptr<WithClause> with;

  // kSelect
  bool distinct = false;
  ExprList distinct_on;  // DISTINCT ON (...); implies distinct
  std::vector<ResultTarget> targets;
  std::vector<std::unique_ptr<TableRef>> from;
  ExprPtr where;
  ExprList group_by;
  ExprPtr having;
  std::vector<NamedWindow> windows;

  // kValues
  std::vector<ExprList> values;

  // kSetOp
  SetOpKind set_op = SetOpKind::kUnion;
  bool set_all = false;
  std::unique_ptr<SelectStmt> left;
  std::unique_ptr<SelectStmt> right;

  // Any body
  std::vector<SortItem> order_by;
  ExprPtr limit;  // null: no LIMIT (LIMIT ALL is null too)
  ExprPtr offset;
};

// ---------------------------------------------------------------------------------------
// Statements

enum class StatementKind {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateView,
  kCreateIndex,
  kDrop,
  kTruncate,
  kAlterTable,
  kTransaction,
  kSet,
  kShow,
  kExplain,
  kCopy,
  kVacuum,
  kDeclareCursor,
  kFetch,
  kCloseCursor,
  kUnsupported,
};

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    return static_cast<T&>(*this);
  }
  const StatementKind kind;
  // Where the statement is in the query string (without the terminating ';').
  uint32_t offset = 0;
  uint32_t length = 0;
};

struct QueryStatement : Statement {
  QueryStatement() : Statement(StatementKind::kSelect) {}
  std::unique_ptr<SelectStmt> query;
};

// The table an INSERT, UPDATE or DELETE writes, with its alias.
struct TargetTable {
  QualifiedName name;
  std::string alias;
  int location = -1;
};

struct SetClause {
  std::string column;
  ExprPtr value;
  int location = -1;
};

struct OnConflict {
  std::vector<std::string> columns;  // the conflict target; may be empty for DO NOTHING
  bool do_update = false;            // DO UPDATE SET ... [WHERE ...] (else DO NOTHING)
  std::vector<SetClause> set;
  ExprPtr where;
};

struct InsertStmt : Statement {
  InsertStmt() : Statement(StatementKind::kInsert) {}
  std::unique_ptr<WithClause> with;
  TargetTable table;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> source;  // null: DEFAULT VALUES
  std::unique_ptr<OnConflict> on_conflict;
  std::vector<ResultTarget> returning;
};

struct UpdateStmt : Statement {
  UpdateStmt() : Statement(StatementKind::kUpdate) {}
  std::unique_ptr<WithClause> with;
  TargetTable table;
  std::vector<SetClause> set;
  std::vector<std::unique_ptr<TableRef>> from;
  ExprPtr where;
  std::vector<ResultTarget> returning;
};

struct DeleteStmt : Statement {
  DeleteStmt() : Statement(StatementKind::kDelete) {}
  std::unique_ptr<WithClause> with;
  TargetTable table;
  std::vector<std::unique_ptr<TableRef>> using_tables;
  ExprPtr where;
  std::vector<ResultTarget> returning;
};

enum class ConstraintKind { kNull, kNotNull, kDefault, kCheck, kPrimaryKey, kUnique };

// A column constraint (columns empty) or a table constraint (columns named).
struct Constraint {
  ConstraintKind kind = ConstraintKind::kNotNull;
  std::string name;  // CONSTRAINT name, or empty
  ExprPtr expr;      // kDefault, kCheck
  std::vector<std::string> columns;
  int location = -1;
};

struct ColumnDef {
  std::string name;
  TypeName type;
  std::vector<Constraint> constraints;
  int location = -1;
};

struct CreateTableStmt : Statement {
  CreateTableStmt() : Statement(StatementKind::kCreateTable) {}
  QualifiedName name;
  bool if_not_exists = false;
  std::vector<ColumnDef> columns;
  std::vector<Constraint> constraints;
};

struct CreateViewStmt : Statement {
  CreateViewStmt() : Statement(StatementKind::kCreateView) {}
  QualifiedName name;
  bool or_replace = false;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> query;
};

// CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON table (column [DESC], ...)
struct IndexElem {
  std::string column;
  bool descending = false;
};
struct CreateIndexStmt : Statement {
  CreateIndexStmt() : Statement(StatementKind::kCreateIndex) {}
  bool unique = false;
  bool concurrently = false;  // the same result here: nothing waits for other writers
  bool if_not_exists = false;
  std::string name;  // empty: chosen from the table's and columns' names
  QualifiedName table;
  std::vector<IndexElem> columns;
};

enum class ObjectKind { kTable, kView, kIndex };

struct DropStmt : Statement {
  DropStmt() : Statement(StatementKind::kDrop) {}
  ObjectKind object = ObjectKind::kTable;
  std::vector<QualifiedName> names;
  bool if_exists = false;
  bool cascade = false;
};

struct TruncateStmt : Statement {
  TruncateStmt() : Statement(StatementKind::kTruncate) {}
  std::vector<QualifiedName> tables;
};

enum class AlterKind { kAddColumn, kDropColumn, kRenameColumn, kRenameTable, kAddConstraint };

struct AlterCommand {
  AlterKind kind = AlterKind::kAddColumn;
  bool if_exists = false;  // kAddColumn: IF NOT EXISTS; kDropColumn: IF EXISTS
  ColumnDef column;        // kAddColumn
  std::string name;        // kDropColumn, kRenameColumn: the column
  std::string new_name;    // kRenameColumn, kRenameTable
  Constraint constraint;   // kAddConstraint
};

struct AlterTableStmt : Statement {
  AlterTableStmt() : Statement(StatementKind::kAlterTable) {}
  QualifiedName table;
  bool if_exists = false;
  std::vector<AlterCommand> commands;
};

// kSavepoint: SAVEPOINT name; kRelease: RELEASE [SAVEPOINT] name; kRollbackTo: ROLLBACK TO
// [SAVEPOINT] name.
enum class TransactionKind { kBegin, kCommit, kRollback, kSavepoint, kRelease, kRollbackTo };

struct TransactionStmt : Statement {
  TransactionStmt() : Statement(StatementKind::kTransaction) {}
  TransactionKind transaction_kind = TransactionKind::kBegin;
  std::string savepoint;        // kSavepoint, kRelease, kRollbackTo
  std::string isolation_level;  // "read committed", ...; empty when not given
  int read_only = -1;           // -1 not given, 0 READ WRITE, 1 READ ONLY
};

// SET [SESSION | LOCAL] name {TO | =} value [, ...] | DEFAULT; RESET name | ALL.
struct SetStmt : Statement {
  SetStmt() : Statement(StatementKind::kSet) {}
  std::string name;    // lower case; "all" with reset for RESET ALL
  bool reset = false;  // RESET, or SET ... TO DEFAULT
  bool local = false;
  ExprList values;  // constants
};

struct ShowStmt : Statement {
  ShowStmt() : Statement(StatementKind::kShow) {}
  std::string name;  // lower case; "all" for SHOW ALL
};

struct ExplainStmt : Statement {
  ExplainStmt() : Statement(StatementKind::kExplain) {}
  bool analyze = false;
  bool verbose = false;
  std::unique_ptr<Statement> statement;
};

struct CopyStmt : Statement {
  CopyStmt() : Statement(StatementKind::kCopy) {}
  QualifiedName table;  // or empty when query is set
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> query;  // COPY (query) TO STDOUT
  bool from = true;                   // FROM STDIN (else TO STDOUT)
  std::string format = "text";        // "text", "csv", "binary"
  bool header = false;
  std::string delimiter;  // when has_delimiter; else the format's default
  bool has_delimiter = false;
  std::string null_string;
  bool has_null_string = false;
  std::optional<std::string> quote, escape;  // CSV: when given
  // CSV: FORCE_QUOTE (columns) or FORCE_QUOTE * (force_quote_all), FORCE_NOT_NULL, FORCE_NULL.
  std::vector<std::string> force_quote, force_not_null, force_null;
  bool force_quote_all = false;
};

struct VacuumStmt : Statement {
  VacuumStmt() : Statement(StatementKind::kVacuum) {}
  bool vacuum = true;  // VACUUM (else ANALYZE alone)
  bool analyze = false;
  std::vector<QualifiedName> tables;
};

// DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR [WITH[OUT] HOLD]
// FOR query.
struct DeclareCursorStmt : Statement {
  DeclareCursorStmt() : Statement(StatementKind::kDeclareCursor) {}
  std::string name;
  bool binary = false;
  bool scroll = false;  // SCROLL: the cursor may move backward
  bool no_scroll = false;
  bool hold = false;  // WITH HOLD: the cursor outlives the transaction that commits it
  std::unique_ptr<SelectStmt> query;
};

// How FETCH and MOVE move, as PostgreSQL's FetchDirection: NEXT is kForward 1, PRIOR is
// kBackward 1, FIRST is kAbsolute 1, LAST is kAbsolute -1, ALL is kForward kFetchAll.
enum class FetchDirection { kForward, kBackward, kAbsolute, kRelative };
constexpr int64_t kFetchAll = INT64_MAX;

// FETCH [direction] [FROM | IN] cursor, and MOVE the same way.
struct FetchStmt : Statement {
  FetchStmt() : Statement(StatementKind::kFetch) {}
  bool move = false;
  FetchDirection direction = FetchDirection::kForward;
  int64_t count = 1;  // kFetchAll for ALL; may be negative
  std::string cursor;
};

// CLOSE name | CLOSE ALL.
struct CloseCursorStmt : Statement {
  CloseCursorStmt() : Statement(StatementKind::kCloseCursor) {}
  std::string name;  // empty with all
  bool all = false;
};

// A statement PostgreSQL has and Datacave recognises but does not run (CREATE INDEX, GRANT,
// PREPARE ...): executing it answers 0A000 naming the feature.
struct UnsupportedStmt : Statement {
  UnsupportedStmt() : Statement(StatementKind::kUnsupported) {}
  std::string feature;  // "CREATE INDEX"
};

using StatementPtr = std::unique_ptr<Statement>;

}  // namespace datacave::sql::ast
