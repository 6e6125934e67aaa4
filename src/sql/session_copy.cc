// COPY FROM STDIN and COPY TO STDOUT in text and CSV formats (copy_format.h is the codec).
// COPY FROM's rows go through the same TableWriter as INSERT's, in the statement's
// transaction, in batches as their lines arrive; an error anywhere aborts the whole COPY.

#include "sql/session_copy.h"

#include "sql/binder/plan_scan.h"
#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

// Rows converted and checked before they are written under the write lock together.
constexpr size_t kCopyBatchRows = 1000;

Status Error(StatusCode code, std::string_view sqlstate, std::string message) {
  return Status::Sql(code, sqlstate, std::move(message));
}

// The format a COPY statement's options give, checked as PostgreSQL's ProcessCopyOptions.
// names: the copied columns, which the FORCE options refer to.
Result<CopyFormat> MakeCopyFormat(const ast::CopyStmt& copy,
                                  const std::vector<std::string>& names) {
  if (copy.format == "binary") return Status::NotSupported("COPY BINARY is not supported");
  const bool csv = copy.format == "csv";
  CopyFormat format = csv ? CopyFormat::Csv() : CopyFormat::Text();
  format.header = copy.header;
  if (copy.has_delimiter) {
    if (copy.delimiter.size() != 1) {
      return Status::NotSupported("COPY delimiter must be a single one-byte character");
    }
    format.delimiter = copy.delimiter[0];
  }
  if (copy.has_null_string) format.null_string = copy.null_string;
  if (format.delimiter == '\n' || format.delimiter == '\r') {
    return Error(StatusCode::kInvalidArgument, "22023",
                 "COPY delimiter cannot be newline or carriage return");
  }
  if (format.null_string.find_first_of("\r\n") != std::string::npos) {
    return Error(StatusCode::kInvalidArgument, "22023",
                 "COPY null representation cannot use newline or carriage return");
  }
  if (!csv && std::string_view("\\.abcdefghijklmnopqrstuvwxyz0123456789").find(format.delimiter) !=
                  std::string_view::npos) {
    return Error(StatusCode::kInvalidArgument, "22023",
                 std::string("COPY delimiter cannot be \"") + format.delimiter + "\"");
  }
  if (!csv && copy.quote) return Status::NotSupported("COPY quote available only in CSV mode");
  if (copy.quote) {
    if (copy.quote->size() != 1) {
      return Status::NotSupported("COPY quote must be a single one-byte character");
    }
    format.quote = format.escape = (*copy.quote)[0];
  }
  if (csv && format.delimiter == format.quote) {
    return Error(StatusCode::kInvalidArgument, "22023",
                 "COPY delimiter and quote must be different");
  }
  if (!csv && copy.escape) return Status::NotSupported("COPY escape available only in CSV mode");
  if (copy.escape) {
    if (copy.escape->size() != 1) {
      return Status::NotSupported("COPY escape must be a single one-byte character");
    }
    format.escape = (*copy.escape)[0];
  }
  struct Force {
    const std::vector<std::string>& columns;
    bool all;
    const char* name;    // "force quote"
    const char* option;  // "FORCE_QUOTE"
    bool copy_to;        // only COPY TO (else only COPY FROM)
    std::vector<bool>* flags;
  };
  const Force forces[] = {
      {copy.force_quote, copy.force_quote_all, "force quote", "FORCE_QUOTE", true,
       &format.force_quote},
      {copy.force_not_null, false, "force not null", "FORCE_NOT_NULL", false,
       &format.force_not_null},
      {copy.force_null, false, "force null", "FORCE_NULL", false, &format.force_null},
  };
  for (const Force& force : forces) {
    if (force.columns.empty() && !force.all) continue;
    if (!csv) {
      return Status::NotSupported(std::string("COPY ") + force.name +
                                  " available only in CSV mode");
    }
    if (copy.from == force.copy_to) {
      return Status::NotSupported(std::string("COPY ") + force.name + " only available using " +
                                  (force.copy_to ? "COPY TO" : "COPY FROM"));
    }
    force.flags->assign(names.size(), force.all);
    for (const std::string& column : force.columns) {
      auto it = std::find(names.begin(), names.end(), column);
      if (it == names.end()) {
        return Error(
            StatusCode::kInvalidArgument, "42P10",
            std::string(force.option) + " column \"" + column + "\" not referenced by COPY");
      }
      (*force.flags)[static_cast<size_t>(it - names.begin())] = true;
    }
  }
  if (format.null_string.find(format.delimiter) != std::string::npos) {
    return Error(StatusCode::kInvalidArgument, "22023",
                 "COPY delimiter must not appear in the NULL specification");
  }
  if (csv && format.null_string.find(format.quote) != std::string::npos) {
    return Error(StatusCode::kInvalidArgument, "22023",
                 "CSV quote character must not appear in the NULL specification");
  }
  return format;
}

Result<std::shared_ptr<const TableInfo>> FindCopyTable(TransactionCatalog* catalog,
                                                       const ast::CopyStmt& copy) {
  const std::string& name = copy.table.back();
  auto table = catalog->Find(name);
  if (!table) {
    return Error(StatusCode::kNotFound, "42P01", "relation \"" + name + "\" does not exist");
  }
  if (table->is_view) {
    if (copy.from) {
      return Error(StatusCode::kInvalidArgument, "42809", "cannot copy to view \"" + name + "\"");
    }
    return Error(StatusCode::kInvalidArgument, "42809", "cannot copy from view \"" + name + "\"")
        .WithHint("Try the COPY (SELECT ...) TO variant.");
  }
  return table;
}

}  // namespace

Status Session::ExecuteCopy(const ast::CopyStmt& copy, StatementResult* result) {
  if (!copy.from) return ExecuteCopyTo(copy, result);
  DC_ASSIGN_OR_RETURN(auto table, FindCopyTable(catalog_.get(), copy));
  DC_ASSIGN_OR_RETURN(std::vector<int> targets, TargetColumns(*table, copy.columns));
  std::vector<std::string> names;
  for (int index : targets) names.push_back(table->columns[static_cast<size_t>(index)].name);
  DC_ASSIGN_OR_RETURN(CopyFormat format, MakeCopyFormat(copy, names));
  std::vector<Type> parameter_types;
  Binder binder = MakeBinder(&parameter_types);
  DC_ASSIGN_OR_RETURN(TableWriter writer, TableWriter::Make(table, binder));
  writer.catalog = database_->catalog();
  copy_in_ = std::make_unique<CopyIn>(std::move(writer), std::move(targets), std::move(format));
  copy_in_->commit_at_end = state_ == TransactionState::kIdle && !implicit_block_;
  result->copy = CopyDirection::kIn;
  result->copy_columns = static_cast<int>(copy_in_->targets.size());
  return Status::Ok();
}

Status Session::ExecuteCopyTo(const ast::CopyStmt& copy, StatementResult* result) {
  std::vector<std::string> names;
  std::vector<Row> rows;
  ExecContext context = MakeExecContext();
  if (copy.query) {
    std::vector<Type> parameter_types;
    Binder binder = MakeBinder(&parameter_types);
    DC_ASSIGN_OR_RETURN(BoundQuery bound, binder.BindQuery(*copy.query));
    DC_RETURN_IF_ERROR(CollectAll(*bound.plan, context, &rows));
    for (const OutputColumn& column : bound.columns) names.push_back(column.name);
  } else {
    DC_ASSIGN_OR_RETURN(auto table, FindCopyTable(catalog_.get(), copy));
    DC_ASSIGN_OR_RETURN(std::vector<int> targets, TargetColumns(*table, copy.columns));
    for (int index : targets) names.push_back(table->columns[static_cast<size_t>(index)].name);
    OperatorPtr plan = PlanTableScan(table, nullptr, /*with_key=*/false, table->name);
    std::vector<Row> all;
    DC_RETURN_IF_ERROR(CollectAll(*plan, context, &all));
    for (Row& row : all) {
      Row picked;
      for (int index : targets) picked.push_back(std::move(row[static_cast<size_t>(index)]));
      rows.push_back(std::move(picked));
    }
  }
  DC_ASSIGN_OR_RETURN(CopyFormat format, MakeCopyFormat(copy, names));
  if (format.header) {
    std::string line;
    AppendCopyHeader(format, names, &line);
    result->copy_data.push_back(std::move(line));
  }
  std::vector<CopyField> fields;
  for (const Row& row : rows) {
    fields.clear();
    for (const Value& value : row) {
      if (value.is_null()) {
        fields.emplace_back();
      } else {
        fields.emplace_back(ToText(value));
      }
    }
    std::string line;
    AppendCopyRow(format, fields, &line);
    result->copy_data.push_back(std::move(line));
  }
  result->copy = CopyDirection::kOut;
  result->copy_columns = static_cast<int>(names.size());
  result->tag = "COPY " + std::to_string(rows.size());
  return Status::Ok();
}

Status Session::CopyInRows(bool flush) {
  CopyIn& copy = *copy_in_;
  const TableInfo& table = *copy.writer.table;
  ExecContext context = MakeExecContext();
  std::vector<CopyField> fields;
  for (;;) {
    Result<bool> got = copy.reader.Next(&fields);
    if (!got.ok()) return got.status().WithWhere(copy.LineContext());
    if (!*got) break;
    if (fields.size() > copy.targets.size()) {
      return Error(StatusCode::kInvalidArgument, "22P04", "extra data after last expected column")
          .WithWhere(copy.LineContext());
    }
    if (fields.size() < copy.targets.size()) {
      const ColumnInfo& missing = table.columns[static_cast<size_t>(copy.targets[fields.size()])];
      return Error(StatusCode::kInvalidArgument, "22P04",
                   "missing data for column \"" + missing.name + "\"")
          .WithWhere(copy.LineContext());
    }
    Row row(table.columns.size());
    std::vector<bool> assigned(table.columns.size(), false);
    for (size_t i = 0; i < fields.size(); ++i) {
      const auto index = static_cast<size_t>(copy.targets[i]);
      assigned[index] = true;
      const ColumnInfo& column = table.columns[index];
      if (!fields[i]) {
        row[index] = Value::Null(column.type.id);
        continue;
      }
      Result<Value> value = ParseText(column.type, *fields[i]);
      if (!value.ok()) {
        return value.status().WithWhere("COPY " + table.name + ", line " +
                                        std::to_string(copy.reader.line_number()) + ", column " +
                                        column.name + ": \"" + Printable(*fields[i]) + "\"");
      }
      row[index] = std::move(*value);
    }
    for (size_t i = 0; i < row.size(); ++i) {
      if (!assigned[i]) {
        DC_ASSIGN_OR_RETURN(row[i], copy.writer.Default(i, context.eval));
      }
    }
    Status valid = copy.writer.Validate(row, context.eval);
    if (!valid.ok()) return valid.WithWhere(copy.LineContext());
    copy.batch.push_back({std::move(row), copy.reader.line_number()});
    if (copy.batch.size() >= kCopyBatchRows) DC_RETURN_IF_ERROR(InsertCopyBatch());
  }
  if (flush) DC_RETURN_IF_ERROR(InsertCopyBatch());
  return Status::Ok();
}

Status Session::InsertCopyBatch() {
  CopyIn& copy = *copy_in_;
  // Writers take turns until step 5 adds concurrency control (see RunStatement). A cancel
  // that arrives while the client sends data stops the copy here.
  DC_ASSIGN_OR_RETURN(WriterTurn::Held turn, database_->writer_turn().Acquire(&interrupt_));
  for (CopyIn::Pending& pending : copy.batch) {
    Status s = copy.writer.Insert(pending.row, txn_.get());
    if (!s.ok()) {
      // As PostgreSQL, whose unique check comes when a buffered batch is written: the line's
      // number only.
      return s.WithWhere("COPY " + copy.relation() + ", line " + std::to_string(pending.line));
    }
    ++copy.rows;
  }
  copy.batch.clear();
  return Status::Ok();
}

Status Session::CopyInData(std::string_view data) {
  if (!copy_in_) return Error(StatusCode::kInvalidArgument, "08P01", "no COPY in progress");
  copy_in_->reader.Feed(data);
  Status s = CopyInRows(/*flush=*/false);
  if (!s.ok()) return AbortCopyIn(std::move(s));
  return Status::Ok();
}

Result<std::string> Session::CopyInDone() {
  if (!copy_in_) return Error(StatusCode::kInvalidArgument, "08P01", "no COPY in progress");
  copy_in_->reader.Finish();
  Status s = CopyInRows(/*flush=*/true);
  if (!s.ok()) return AbortCopyIn(std::move(s));
  const std::string tag = "COPY " + std::to_string(copy_in_->rows);
  const bool commit = copy_in_->commit_at_end && state_ == TransactionState::kIdle;
  copy_in_.reset();
  if (commit) {
    auto turn = database_->writer_turn().Acquire(&interrupt_);
    s = turn.ok() ? CommitTransaction() : turn.status();
  }
  if (!s.ok()) {
    AbortStatement();
    return s;
  }
  return tag;
}

Status Session::CopyInFail(std::string_view message) {
  if (!copy_in_) return Error(StatusCode::kInvalidArgument, "08P01", "no COPY in progress");
  const std::string where = "COPY " + copy_in_->relation() + ", line " +
                            std::to_string(copy_in_->reader.line_number() + 1);
  return AbortCopyIn(
      Error(StatusCode::kAborted, "57014", "COPY from stdin failed: " + std::string(message))
          .WithWhere(where));
}

Status Session::AbortCopyIn(Status error) {
  copy_in_.reset();
  AbortStatement();
  return error;
}

}  // namespace datacave::sql
