#include "core/password.h"

#include <gtest/gtest.h>

namespace datacave {
namespace {

// Made by PostgreSQL 15: CREATE ROLE t PASSWORD 'correct horse' with
// password_encryption = 'scram-sha-256', read back from pg_authid.rolpassword.
constexpr const char* kPostgresVerifier =
    "SCRAM-SHA-256$4096:mRBSeUwELSyxSd7+aHKMRg==$BieYxP/Gt51SVg79/8JQ8mH93M0cnqGE86qSdSbsYno=:"
    "DRcLCSGTZ0PtqmbtGw/CwUq795xuYP3Sh1ExfvL5EZQ=";

TEST(ScramVerifierTest, ReproducesPostgresVerifierFromItsSalt) {
  auto pg = ScramVerifier::Parse(kPostgresVerifier);
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  EXPECT_EQ(pg->iterations, 4096);
  EXPECT_EQ(pg->salt.size(), 16u);
  ScramVerifier ours = ScramVerifier::FromSalt("correct horse", pg->salt, pg->iterations);
  EXPECT_EQ(ours.ToString(), kPostgresVerifier);
  EXPECT_TRUE(pg->Matches("correct horse"));
  EXPECT_FALSE(pg->Matches("correct horse "));
  EXPECT_FALSE(pg->Matches(""));
}

TEST(ScramVerifierTest, GenerateUsesFreshSalt) {
  auto a = ScramVerifier::Generate("secret");
  auto b = ScramVerifier::Generate("secret");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->salt, b->salt);
  EXPECT_EQ(a->salt.size(), ScramVerifier::kSaltBytes);
  EXPECT_EQ(a->iterations, 4096);
  EXPECT_TRUE(a->Matches("secret"));
  auto parsed = ScramVerifier::Parse(a->ToString());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->ToString(), a->ToString());
}

TEST(ScramVerifierTest, ParseRejectsMalformed) {
  const std::string good = kPostgresVerifier;
  for (const std::string& bad : {
           std::string(""), std::string("md5abcdef"), std::string("SCRAM-SHA-256$"),
           std::string("SCRAM-SHA-256$4096:mRBSeUwELSyxSd7+aHKMRg=="),
           std::string("SCRAM-SHA-256$0:mRBSeUwELSyxSd7+aHKMRg==$") +
               good.substr(good.find('$', 20) + 1),
           std::string("SCRAM-SHA-256$x:mRBSeUwELSyxSd7+aHKMRg==$") +
               good.substr(good.find('$', 20) + 1),
           std::string("SCRAM-SHA-256$4096:!!!!$") + good.substr(good.find('$', 20) + 1),
           good.substr(0, good.size() - 4),  // ServerKey too short
           good + "AAAA",                    // ServerKey too long
       }) {
    auto r = ScramVerifier::Parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("gen-password-hash"), std::string::npos);
  }
}

TEST(Md5PasswordTest, PostgresFormats) {
  // Computed with Python's hashlib, as PostgreSQL's pg_md5_encrypt defines them.
  EXPECT_EQ(Md5PasswordHash("pencil", "alice"), "md5ee69efad287c7423caf0b3229d71f567");
  EXPECT_EQ(Md5ChallengeResponse("md5ee69efad287c7423caf0b3229d71f567", "salt"),
            "md5b49de27f011469d6386d334319e95a6a");
  EXPECT_TRUE(IsMd5PasswordHash("md5ee69efad287c7423caf0b3229d71f567"));
  EXPECT_FALSE(IsMd5PasswordHash("md5EE69EFAD287C7423CAF0B3229D71F567"));
  EXPECT_FALSE(IsMd5PasswordHash("md5ee69efad287c7423caf0b3229d71f56"));
  EXPECT_FALSE(IsMd5PasswordHash("SCRAM-SHA-256$4096:"));
}

TEST(Base64Test, RoundTripAndStrictAlphabet) {
  EXPECT_EQ(scram::Base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(*scram::Base64Decode("aGVsbG8="), "hello");
  EXPECT_EQ(*scram::Base64Decode(""), "");
  EXPECT_FALSE(scram::Base64Decode("aGVsbG8").ok());   // length not a multiple of 4
  EXPECT_FALSE(scram::Base64Decode("aGV sbG8").ok());  // whitespace
  EXPECT_FALSE(scram::Base64Decode("a=Vs").ok());      // padding in the middle
  EXPECT_FALSE(scram::Base64Decode("a===").ok());
}

}  // namespace
}  // namespace datacave
