#pragma once

// Messages the server sends, as encoders that append one complete message (type byte,
// length, body) to a buffer the caller owns and flushes. ErrorResponse and NoticeResponse
// are in messages.h. Decoders for these exist only where a client needs them (tests).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace datacave::protocol {

// 'R' messages, by their int32 code.
void AppendAuthenticationOk(std::string* out);                                  // 0
void AppendAuthenticationCleartextPassword(std::string* out);                   // 3
void AppendAuthenticationMd5Password(std::string* out, std::string_view salt);  // 5, 4 bytes
// 10: the mechanisms the server offers, most preferred first.
void AppendAuthenticationSasl(std::string* out, const std::vector<std::string>& mechanisms);
void AppendAuthenticationSaslContinue(std::string* out, std::string_view data);  // 11
void AppendAuthenticationSaslFinal(std::string* out, std::string_view data);     // 12

void AppendParameterStatus(std::string* out, std::string_view name, std::string_view value);
void AppendBackendKeyData(std::string* out, int32_t pid, int32_t secret);

// The status byte of ReadyForQuery: idle, in a transaction block, or in a failed one.
enum class TransactionStatus : char { kIdle = 'I', kInTransaction = 'T', kFailed = 'E' };
void AppendReadyForQuery(std::string* out, TransactionStatus status);

void AppendEmptyQueryResponse(std::string* out);
void AppendCommandComplete(std::string* out, std::string_view tag);  // "SELECT 1", "BEGIN"

// The extended query protocol's acknowledgements, each an empty body.
void AppendParseComplete(std::string* out);    // '1'
void AppendBindComplete(std::string* out);     // '2'
void AppendCloseComplete(std::string* out);    // '3'
void AppendNoData(std::string* out);           // 'n'
void AppendPortalSuspended(std::string* out);  // 's'
// ParameterDescription ('t'): the type OID of each parameter of a prepared statement.
void AppendParameterDescription(std::string* out, const std::vector<uint32_t>& type_oids);

// The COPY sub-protocol. CopyInResponse ('G') and CopyOutResponse ('H'): the overall format
// (0 text, 1 binary) and each column's format code. CopyData ('d') carries bytes of the
// data stream (not necessarily whole rows); CopyDone ('c') ends COPY TO's data.
void AppendCopyInResponse(std::string* out, int8_t format, const std::vector<int16_t>& columns);
void AppendCopyOutResponse(std::string* out, int8_t format, const std::vector<int16_t>& columns);
void AppendCopyData(std::string* out, std::string_view data);
void AppendCopyDone(std::string* out);

// NoticeResponse ('N') carries the same fields as an ErrorResponse; see messages.h.
struct ErrorFields;
void AppendNoticeResponse(std::string* out, const ErrorFields& fields);

// The client asked for a newer minor protocol version or for protocol options ("_pq_.*")
// that we do not know; we answer with the newest minor we speak and the options we ignore.
void AppendNegotiateProtocolVersion(std::string* out, int32_t newest_minor,
                                    const std::vector<std::string>& unrecognized_options);

// RowDescription ('T') fields.
struct FieldDescription {
  std::string name;
  uint32_t table_oid = 0;  // 0 when the column is not a table column
  int16_t column_number = 0;
  uint32_t type_oid = 0;
  int16_t type_size = 0;  // pg_type.typlen; negative for variable width
  int32_t type_modifier = -1;
  int16_t format = 0;  // 0 text, 1 binary
};
void AppendRowDescription(std::string* out, const std::vector<FieldDescription>& fields);
// DataRow ('D'): one value per column, nullopt for NULL.
void AppendDataRow(std::string* out, const std::vector<std::optional<std::string>>& values);

// A backend message split off the front of a buffer (client side and tests).
struct BackendMessage {
  char type = 0;
  std::string_view body;  // points into the caller's buffer
};
// Takes one complete message from the front of *buffer; nullopt when it is not all there
// yet; an error when the length field is invalid.
Result<std::optional<BackendMessage>> TakeBackendMessage(std::string_view* buffer);
// Decoders for the bodies above, for the client side of tests and fuzzers.
Result<std::vector<FieldDescription>> DecodeRowDescription(std::string_view body);
Result<std::vector<std::optional<std::string>>> DecodeDataRow(std::string_view body);
Result<std::vector<uint32_t>> DecodeParameterDescription(std::string_view body);

}  // namespace datacave::protocol
