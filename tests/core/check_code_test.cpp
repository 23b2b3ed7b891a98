// Check codes: the alphabet, reading back as customers type, the Feistel bijection and
// uniqueness over (station, day, sequence) by construction.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "core/domain/check_code.h"

namespace complaint {
namespace {

TEST(CheckCode, AlphabetHasNoLookAlikes) {
  const std::string_view alphabet = check_code_alphabet();
  EXPECT_EQ(alphabet.size(), 27u);
  for (const char dropped : std::string_view("OQDILZSBV")) {
    EXPECT_EQ(alphabet.find(dropped), std::string_view::npos) << dropped;
  }
  EXPECT_EQ(std::set<char>(alphabet.begin(), alphabet.end()).size(), alphabet.size());
}

TEST(CheckCode, MakesSixSymbolsAndDecodesBack) {
  const auto code = make_check_code("WH01", 3, "20261205", 17);
  ASSERT_TRUE(code.has_value());
  ASSERT_EQ(code->size(), 6u);
  for (const char c : *code) EXPECT_NE(check_code_alphabet().find(c), std::string_view::npos) << *code;
  const auto parts = decode_check_code("WH01", *code);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->station, 3);
  EXPECT_EQ(parts->sequence, 17);
  EXPECT_EQ(parts->day, 20792 % kCheckCodeWindowDays);  // 2026-12-05 is day 20792 since 1970
  // Another site's key orders the codes differently.
  EXPECT_NE(make_check_code("SH02", 3, "20261205", 17), code);
}

TEST(CheckCode, RefusesPartsOutOfRange) {
  EXPECT_FALSE(make_check_code("WH01", 32, "20261205", 1));
  EXPECT_FALSE(make_check_code("WH01", -1, "20261205", 1));
  EXPECT_FALSE(make_check_code("WH01", 1, "20261205", 0));
  EXPECT_FALSE(make_check_code("WH01", 1, "20261205", 1001));
  EXPECT_FALSE(make_check_code("WH01", 1, "20261305", 1));
  EXPECT_FALSE(make_check_code("WH01", 1, "2026125", 1));
  EXPECT_TRUE(make_check_code("WH01", 31, "20261205", 1000));
  EXPECT_TRUE(make_check_code("WH01", 0, "20261205", 1));
}

TEST(CheckCode, FormatsForPrintAndReadsBackAsTyped) {
  const std::string code = *make_check_code("WH01", 1, "20261205", 1);
  const std::string printed = format_check_code(code);
  ASSERT_EQ(printed.size(), 7u);
  EXPECT_EQ(printed[3], '-');
  EXPECT_EQ(read_check_code(printed).value(), code);
  std::string lower;
  for (const char c : printed) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(read_check_code(" " + lower + " ").value(), code);
  EXPECT_EQ(read_check_code(code.substr(0, 2) + " " + code.substr(2)).value(), code);
}

TEST(CheckCode, ReadsLookAlikesAsTheirKeptTwin) {
  EXPECT_EQ(read_check_code("OQD-ILZ").value(), "000112");
  EXPECT_EQ(read_check_code("sbvoil").value(), "58U011");
  EXPECT_EQ(read_check_code("k7m4px").value(), "K7M4PX");
}

TEST(CheckCode, RefusesWhatIsNoCode) {
  for (const char* typed : {"", "K7M4P", "K7M4PXA", "K7M-4P!", "WH01-K1-20261205-0001-3", "K7M_4PX"}) {
    const auto read = read_check_code(typed);
    ASSERT_FALSE(read.ok()) << typed;
    EXPECT_EQ(read.error().key, "error.check_code.malformed");
  }
  EXPECT_FALSE(decode_check_code("WH01", "K7M4P"));
  EXPECT_FALSE(decode_check_code("WH01", "K7M4PO"));  // O is no stored symbol
}

// The scramble is a permutation: unscramble undoes it everywhere sampled, and no two values
// of a long run share an image.
TEST(CheckCode, FeistelIsABijection) {
  for (std::uint32_t v = 0; v < kCheckCodeSpace; v += 7919) {
    const std::uint32_t s = scramble_check_value("WH01", v);
    ASSERT_LT(s, kCheckCodeSpace);
    ASSERT_EQ(unscramble_check_value("WH01", s), v);
  }
  ASSERT_EQ(unscramble_check_value("WH01", scramble_check_value("WH01", kCheckCodeSpace - 1)),
            kCheckCodeSpace - 1);
  std::vector<bool> seen(kCheckCodeSpace);
  for (std::uint32_t v = 0; v < 4'000'000; ++v) {
    const std::uint32_t s = scramble_check_value("K9", v);
    ASSERT_FALSE(seen[s]) << v;
    seen[s] = true;
  }
}

// Every station of a site, every sequence of a day, over 120 days and across the window's
// wrap (day 12,106 since 1970 is 2003-02-23, read as day 0 again): no code twice.
TEST(CheckCode, UniqueOverStationsDaysAndSequences) {
  std::vector<std::string> dates;
  for (int day = 1; day <= 28; ++day) {
    for (const char* month : {"202601", "202602", "202603", "202612"}) {
      dates.push_back(std::string(month) + (day < 10 ? "0" : "") + std::to_string(day));
    }
  }
  for (int day = 17; day <= 28; ++day) dates.push_back("200302" + std::to_string(day));
  std::vector<std::string> codes;
  codes.reserve(dates.size() * kCheckCodeStations * kCheckCodeSequences);
  for (const std::string& date : dates) {
    for (int station = 0; station < kCheckCodeStations; ++station) {
      for (std::int64_t seq = 1; seq <= kCheckCodeSequences; ++seq) {
        codes.push_back(*make_check_code("WH01", station, date, seq));
      }
    }
  }
  const std::size_t made = codes.size();
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(std::unique(codes.begin(), codes.end()) - codes.begin(), static_cast<std::ptrdiff_t>(made));
}

// The window's promise and its edge: a date exactly kCheckCodeWindowDays later reuses a code.
TEST(CheckCode, RepeatsOnlyAfterTheWindow) {
  // 1970-01-01 + 12106 days = 2003-02-23.
  EXPECT_EQ(make_check_code("WH01", 2, "19700101", 5), make_check_code("WH01", 2, "20030223", 5));
  EXPECT_NE(make_check_code("WH01", 2, "19700101", 5), make_check_code("WH01", 2, "20030222", 5));
}

}  // namespace
}  // namespace complaint
