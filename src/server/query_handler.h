#pragma once

// The query messages of a ready connection, turned into calls on its sql::Session and into
// replies: the simple protocol's Query and the extended protocol's Parse, Bind, Describe,
// Execute, Close and Sync. Replies are appended to *out, which the connection writes.
//
// The extended messages return the error that the connection reports (ErrorResponse) before
// it discards messages until Sync; their replies up to the error are already in *out.
//
// Thread safety: the connection's thread, like its Session.

#include <string>

#include "core/status.h"
#include "protocol/frontend.h"
#include "sql/session.h"

namespace datacave::server {

// Every statement's replies, then ReadyForQuery.
void HandleQuery(sql::Session& session, const protocol::Query& query, std::string* out);

Status HandleParse(sql::Session& session, const protocol::Parse& parse, std::string* out);
Status HandleBind(sql::Session& session, const protocol::Bind& bind, std::string* out);
Status HandleDescribe(sql::Session& session, const protocol::Describe& describe, std::string* out);
Status HandleExecute(sql::Session& session, const protocol::Execute& execute, std::string* out);
Status HandleClose(sql::Session& session, const protocol::Close& close, std::string* out);
// ReadyForQuery, after ending the implicit transaction (an ErrorResponse first if its commit
// fails).
void HandleSync(sql::Session& session, std::string* out);

// An ErrorResponse with the status's SQLSTATE (XX000 when it has none).
void AppendError(const Status& status, std::string* out);

}  // namespace datacave::server
