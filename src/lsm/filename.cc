#include "lsm/filename.h"

#include <charconv>
#include <cstdio>

namespace datacave::lsm {
namespace {

std::string NumberedName(std::string_view dir, uint64_t number, std::string_view suffix) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(number));
  std::string name(dir);
  name += '/';
  name += digits;
  name += suffix;
  return name;
}

bool ParseNumber(std::string_view text, uint64_t* number) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *number);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string LogFileName(std::string_view dir, uint64_t number) {
  return NumberedName(dir, number, ".log");
}
std::string TableFileName(std::string_view dir, uint64_t number) {
  return NumberedName(dir, number, ".sst");
}
std::string TempFileName(std::string_view dir, uint64_t number) {
  return NumberedName(dir, number, ".dbtmp");
}
std::string ManifestFileName(std::string_view dir, uint64_t number) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(number));
  return std::string(dir) + "/MANIFEST-" + digits;
}
std::string CurrentFileName(std::string_view dir) {
  return std::string(dir) + "/CURRENT";
}
std::string LockFileName(std::string_view dir) {
  return std::string(dir) + "/LOCK";
}

bool ParseFileName(std::string_view name, uint64_t* number, FileType* type) {
  if (name == "CURRENT") {
    *number = 0;
    *type = FileType::kCurrent;
    return true;
  }
  if (name == "LOCK") {
    *number = 0;
    *type = FileType::kLock;
    return true;
  }
  constexpr std::string_view kManifest = "MANIFEST-";
  if (name.substr(0, kManifest.size()) == kManifest) {
    *type = FileType::kManifest;
    return ParseNumber(name.substr(kManifest.size()), number);
  }
  auto dot = name.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view suffix = name.substr(dot);
  if (suffix == ".log") {
    *type = FileType::kLog;
  } else if (suffix == ".sst") {
    *type = FileType::kTable;
  } else if (suffix == ".dbtmp") {
    *type = FileType::kTemp;
  } else {
    return false;
  }
  return ParseNumber(name.substr(0, dot), number);
}

Status SetCurrentFile(FileSystem* fs, std::string_view dir, uint64_t manifest_number) {
  std::string manifest = ManifestFileName(dir, manifest_number);
  std::string contents = manifest.substr(dir.size() + 1) + "\n";
  std::string temp = TempFileName(dir, manifest_number);
  Status s = WriteStringToFile(fs, contents, temp, /*sync=*/true);
  if (s.ok()) s = fs->RenameFile(temp, CurrentFileName(dir));
  if (s.ok()) s = fs->SyncDir(std::string(dir));
  if (!s.ok()) (void)fs->RemoveFile(temp);
  return s;
}

}  // namespace datacave::lsm
