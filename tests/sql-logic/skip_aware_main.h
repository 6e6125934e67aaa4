#pragma once

// main() for the test binaries that need PostgreSQL 15 (or other optional things): runs the
// tests and exits with 77 (ctest's SKIP_RETURN_CODE) when every selected test skipped and
// none failed, so that ctest reports the entry as skipped rather than passed.

#include <gtest/gtest.h>

namespace datacave::slt {

inline int RunTestsSkipAware(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  int rc = RUN_ALL_TESTS();
  const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
  if (rc == 0 && unit.skipped_test_count() > 0 && unit.successful_test_count() == 0) {
    return 77;
  }
  return rc;
}

}  // namespace datacave::slt
