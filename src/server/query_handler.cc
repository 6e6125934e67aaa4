#include "server/query_handler.h"

#include "protocol/backend.h"
#include "protocol/messages.h"
#include "sql/types/binary.h"
#include "sql/types/cast.h"

namespace datacave::server {
namespace {

protocol::TransactionStatus StatusByte(sql::TransactionState state) {
  switch (state) {
    case sql::TransactionState::kIdle: return protocol::TransactionStatus::kIdle;
    case sql::TransactionState::kInBlock: return protocol::TransactionStatus::kInTransaction;
    case sql::TransactionState::kFailed: return protocol::TransactionStatus::kFailed;
  }
  return protocol::TransactionStatus::kIdle;
}

protocol::ErrorFields ToErrorFields(const Status& status) {
  protocol::ErrorFields error;
  error.sqlstate = status.sqlstate().empty() ? "XX000" : std::string(status.sqlstate());
  error.message = status.message();
  error.detail = std::string(status.detail());
  error.position = status.position();
  error.hint = std::string(status.hint());
  error.where = std::string(status.where());
  return error;
}

// A result column's format per Bind's codes: none = all text, one = all, else one each.
Result<std::vector<int16_t>> ColumnFormats(const std::vector<int16_t>& codes, size_t columns) {
  if (codes.size() > 1 && codes.size() != columns) {
    return Status::Sql(StatusCode::kInvalidArgument, "08P01",
                       "bind message has " + std::to_string(codes.size()) +
                           " result formats but query has " + std::to_string(columns) + " columns");
  }
  if (codes.size() == 1) return std::vector<int16_t>(columns, codes[0]);
  if (codes.empty()) return std::vector<int16_t>(columns, 0);
  return codes;
}

void AppendNotices(const sql::StatementResult& result, std::string* out) {
  for (const sql::Notice& notice : result.notices) {
    protocol::ErrorFields fields;
    fields.severity = notice.severity;
    fields.sqlstate = notice.sqlstate;
    fields.message = notice.message;
    protocol::AppendNoticeResponse(out, fields);
  }
}

void AppendRowDescription(const std::vector<sql::OutputColumn>& columns,
                          const std::vector<int16_t>& formats, std::string* out) {
  std::vector<protocol::FieldDescription> fields;
  for (size_t i = 0; i < columns.size(); ++i) {
    const sql::OutputColumn& column = columns[i];
    protocol::FieldDescription field;
    field.name = column.name;
    field.table_oid = column.table_oid;
    field.column_number = column.column_number;
    field.type_oid = sql::TypeOid(column.type.id);
    field.type_size = sql::TypeLength(column.type.id);
    field.type_modifier = column.type.typmod;
    field.format = formats[i];
    fields.push_back(std::move(field));
  }
  protocol::AppendRowDescription(out, fields);
}

void AppendDataRows(const std::vector<sql::Row>& rows, const std::vector<int16_t>& formats,
                    std::string* out) {
  std::vector<std::optional<std::string>> values;
  for (const sql::Row& row : rows) {
    values.clear();
    for (size_t i = 0; i < row.size(); ++i) {
      const sql::Value& value = row[i];
      if (value.is_null()) {
        values.emplace_back();
      } else if (formats[i] == 1) {
        std::string bytes;
        sql::AppendBinary(value, &bytes);
        values.emplace_back(std::move(bytes));
      } else {
        values.emplace_back(sql::ToText(value));
      }
    }
    protocol::AppendDataRow(out, values);
  }
}

// The COPY sub-protocol's opening, in text format; COPY TO's data and CopyDone follow
// at once.
void AppendCopyStart(const sql::StatementResult& result, std::string* out) {
  const std::vector<int16_t> text(static_cast<size_t>(result.copy_columns), 0);
  if (result.copy == sql::CopyDirection::kIn) {
    protocol::AppendCopyInResponse(out, 0, text);
    return;
  }
  protocol::AppendCopyOutResponse(out, 0, text);
  for (const std::string& line : result.copy_data) protocol::AppendCopyData(out, line);
  protocol::AppendCopyDone(out);
}

}  // namespace

void HandleQuery(sql::Session& session, const protocol::Query& query, std::string* out) {
  size_t results = 0;
  Status status = session.Execute(query.sql, [&](sql::StatementResult& result) {
    ++results;
    AppendNotices(result, out);
    if (result.copy != sql::CopyDirection::kNone) {
      AppendCopyStart(result, out);
      if (result.copy == sql::CopyDirection::kIn) return Status::Ok();  // the data comes next
    } else if (result.returns_rows) {
      const std::vector<int16_t> text(result.columns.size(), 0);
      AppendRowDescription(result.columns, text, out);
      AppendDataRows(result.rows, text, out);
    }
    protocol::AppendCommandComplete(out, result.tag);
    return Status::Ok();
  });
  if (!status.ok()) {
    protocol::AppendErrorResponse(out, ToErrorFields(status));
  } else if (results == 0) {
    protocol::AppendEmptyQueryResponse(out);
  }
  if (session.copy_in_active()) return;  // ReadyForQuery once the copy ends
  protocol::AppendReadyForQuery(out, StatusByte(session.transaction_state()));
}

Status HandleParse(sql::Session& session, const protocol::Parse& parse, std::string* out) {
  DC_RETURN_IF_ERROR(session.Prepare(parse.statement, parse.query, parse.param_types));
  protocol::AppendParseComplete(out);
  return Status::Ok();
}

Status HandleBind(sql::Session& session, const protocol::Bind& bind, std::string* out) {
  DC_RETURN_IF_ERROR(session.Bind(bind.portal, bind.statement, bind.param_formats, bind.params,
                                  bind.result_formats));
  protocol::AppendBindComplete(out);
  return Status::Ok();
}

Status HandleDescribe(sql::Session& session, const protocol::Describe& describe, std::string* out) {
  const bool statement = describe.kind == 'S';
  DC_ASSIGN_OR_RETURN(sql::Description description, statement
                                                        ? session.DescribeStatement(describe.name)
                                                        : session.DescribePortal(describe.name));
  if (statement) {
    std::vector<uint32_t> oids;
    for (const sql::Type& type : description.parameter_types) oids.push_back(sql::TypeOid(type.id));
    protocol::AppendParameterDescription(out, oids);
  }
  if (!description.returns_rows) {
    protocol::AppendNoData(out);
    return Status::Ok();
  }
  // A statement's columns are described as text: the formats come with Bind.
  DC_ASSIGN_OR_RETURN(auto formats,
                      ColumnFormats(description.result_formats, description.columns.size()));
  AppendRowDescription(description.columns, formats, out);
  return Status::Ok();
}

Status HandleExecute(sql::Session& session, const protocol::Execute& execute, std::string* out) {
  DC_ASSIGN_OR_RETURN(sql::Description description, session.DescribePortal(execute.portal));
  DC_ASSIGN_OR_RETURN(auto formats,
                      ColumnFormats(description.result_formats, description.columns.size()));
  DC_ASSIGN_OR_RETURN(sql::PortalBatch batch,
                      session.ExecutePortal(execute.portal, execute.max_rows));
  if (batch.empty_query) {
    protocol::AppendEmptyQueryResponse(out);
    return Status::Ok();
  }
  AppendNotices(batch.result, out);
  if (batch.result.copy != sql::CopyDirection::kNone) {
    AppendCopyStart(batch.result, out);
    if (batch.result.copy == sql::CopyDirection::kIn) return Status::Ok();
    protocol::AppendCommandComplete(out, batch.result.tag);
    return Status::Ok();
  }
  if (batch.result.returns_rows) AppendDataRows(batch.result.rows, formats, out);
  if (batch.suspended) {
    protocol::AppendPortalSuspended(out);
  } else {
    protocol::AppendCommandComplete(out, batch.result.tag);
  }
  return Status::Ok();
}

Status HandleClose(sql::Session& session, const protocol::Close& close, std::string* out) {
  session.Close(close.kind, close.name);
  protocol::AppendCloseComplete(out);
  return Status::Ok();
}

void HandleSync(sql::Session& session, std::string* out) {
  Status status = session.Sync();
  if (!status.ok()) protocol::AppendErrorResponse(out, ToErrorFields(status));
  protocol::AppendReadyForQuery(out, StatusByte(session.transaction_state()));
}

Status HandleCopyInMessage(sql::Session& session, char type, std::string_view body,
                           std::string* out) {
  if (type == 'H' || type == 'S') return Status::Ok();
  if (type != 'd' && type != 'c' && type != 'f') {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(type);
    return session.AbortCopyIn(Status::Sql(StatusCode::kInvalidArgument, "08P01",
                                           std::string("unexpected message type 0x") +
                                               kHex[byte >> 4] + kHex[byte & 15] +
                                               " during COPY from stdin"));
  }
  auto message = protocol::DecodeFrontendMessage(type, body);
  if (!message.ok()) return session.AbortCopyIn(message.status());
  if (auto* data = std::get_if<protocol::CopyData>(&*message)) {
    return session.CopyInData(data->data);
  }
  if (auto* fail = std::get_if<protocol::CopyFail>(&*message)) {
    return session.CopyInFail(fail->message);
  }
  DC_ASSIGN_OR_RETURN(std::string tag, session.CopyInDone());
  protocol::AppendCommandComplete(out, tag);
  return Status::Ok();
}

void AppendError(const Status& status, std::string* out) {
  protocol::AppendErrorResponse(out, ToErrorFields(status));
}

void AppendReady(const sql::Session& session, std::string* out) {
  protocol::AppendReadyForQuery(out, StatusByte(session.transaction_state()));
}

}  // namespace datacave::server
