// Our own sqllogictest scripts against Datacave's engine in-process (through sql::Session,
// no server). Every script must run to its end; the records that pass are pinned per file
// as a floor, so the count can only go up as features land. A script whose floor equals
// its record count passes in full.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "sql-logic/slt/runner.h"
#include "sql-logic/slt/session_database.h"

namespace datacave::slt {
namespace {

namespace fs = std::filesystem;
const std::string kScripts = std::string(DATACAVE_SOURCE_DIR) + "/tests/sql-logic/scripts";

// Records of each script that pass today (measured; raise them as features land).
const std::map<std::string, int> kPassing = {
#include "slt_datacave_floors.inc"
};

std::vector<std::string> Scripts() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kScripts)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class SltDatacave : public ::testing::TestWithParam<std::string> {};

TEST_P(SltDatacave, PassesAtLeastWhatItDid) {
  SessionDatabaseFactory factory;
  RunOptions options;
  options.engines = EngineNames("datacave");
  FileReport report = RunFile(kScripts + "/" + GetParam(), factory, options);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  auto it = kPassing.find(GetParam());
  const int floor = it == kPassing.end() ? 0 : it->second;
  std::printf("%s\n",
              DescribeReport(report, std::getenv("DATACAVE_SLT_DETAILS") != nullptr).c_str());
  EXPECT_GE(report.passed, floor) << DescribeReport(report, true);
}

INSTANTIATE_TEST_SUITE_P(Scripts, SltDatacave, ::testing::ValuesIn(Scripts()),
                         [](const auto& param_info) {
                           std::string name =
                               param_info.param.substr(0, param_info.param.size() - 5);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace datacave::slt
