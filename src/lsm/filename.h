#pragma once

// The files of a database directory:
//   LOCK                held while the database is open
//   CURRENT             the name of the live manifest, replaced atomically by rename
//   MANIFEST-NNNNNN     the log of version edits (which table files make up the database)
//   NNNNNN.log          a write-ahead log
//   NNNNNN.sst          a table file
//   NNNNNN.dbtmp        a temporary file (a CURRENT being written)
// NNNNNN is a file number, unique within the database, zero-padded to six digits.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/file_system.h"

namespace datacave::lsm {

enum class FileType { kLog, kTable, kManifest, kCurrent, kLock, kTemp };

std::string LogFileName(std::string_view dir, uint64_t number);
std::string TableFileName(std::string_view dir, uint64_t number);
std::string ManifestFileName(std::string_view dir, uint64_t number);
std::string CurrentFileName(std::string_view dir);
std::string LockFileName(std::string_view dir);
std::string TempFileName(std::string_view dir, uint64_t number);

// Parses a file name (not a path). False for names that are not the database's.
bool ParseFileName(std::string_view name, uint64_t* number, FileType* type);

// Points CURRENT at MANIFEST-<manifest_number>: writes a temp file, syncs it, renames it over
// CURRENT and syncs the directory, so a crash leaves the old or the new CURRENT, never a
// torn one.
Status SetCurrentFile(FileSystem* fs, std::string_view dir, uint64_t manifest_number);

}  // namespace datacave::lsm
