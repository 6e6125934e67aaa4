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

// During COPY FROM STDIN (session.copy_in_active(), after a Query or Execute answered
// CopyInResponse): one message of the copy sub-protocol, by type byte and body. CopyData
// feeds the session, CopyDone appends CommandComplete, CopyFail is the client's error
// (57014); Flush and Sync are ignored, as PostgreSQL ignores them then (libpq may send them
// before it knows the statement was a COPY); any other message is 08P01. An error ends the
// copy; the caller reports it, then ReadyForQuery (simple protocol) or skips until Sync.
Status HandleCopyInMessage(sql::Session& session, char type, std::string_view body,
                           std::string* out);

// An ErrorResponse with the status's SQLSTATE (XX000 when it has none).
void AppendError(const Status& status, std::string* out);
// ReadyForQuery with the session's transaction status.
void AppendReady(const sql::Session& session, std::string* out);

}  // namespace datacave::server
