// Ticket numbers: format, parse, and the check character rejecting typing mistakes.
#include <gtest/gtest.h>

#include <set>

#include "core/domain/ticket_number.h"

namespace complaint {
namespace {

TicketNumberParts sample() {
  return {"WH01", "K1", "20261122", 7};
}

TEST(TicketNumber, FormatsReadableNumberWithCheckCharacter) {
  const std::string number = format_ticket_number(sample());
  ASSERT_EQ(number.size(), std::string("WH01-K1-20261122-0007-X").size());
  EXPECT_EQ(number.substr(0, 21), "WH01-K1-20261122-0007");
  auto parsed = parse_ticket_number(number);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->site_code, "WH01");
  EXPECT_EQ(parsed->kiosk_id, "K1");
  EXPECT_EQ(parsed->local_date, "20261122");
  EXPECT_EQ(parsed->sequence, 7);
}

TEST(TicketNumber, SequenceGrowsPastFourDigits) {
  TicketNumberParts parts = sample();
  parts.sequence = 12345;
  const std::string number = format_ticket_number(parts);
  EXPECT_NE(number.find("-12345-"), std::string::npos);
  EXPECT_TRUE(parse_ticket_number(number).ok());
}

TEST(TicketNumber, AcceptsLowerCaseAndSpaces) {
  const std::string number = format_ticket_number(sample());
  std::string typed = " ";
  for (char c : number) typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto normalized = normalize_ticket_number(typed + " ");
  ASSERT_TRUE(normalized.ok());
  EXPECT_EQ(*normalized, number);
}

std::string without_hyphens(std::string number, bool lower) {
  std::erase(number, '-');
  if (lower)
    for (char& c : number) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return number;
}

// The kiosk's keypad has no hyphens: the site's code tells the site from the kiosk id, the
// date and the sequence's form leave one reading; case and spaces do not matter.
TEST(TicketNumber, ATypedNumberNeedsNoHyphensWithTheSiteCode) {
  for (TicketNumberParts parts : {sample(), TicketNumberParts{"WH01", "K12", "20261231", 12345},
                                  TicketNumberParts{"B", "9", "20270101", 1},
                                  TicketNumberParts{"WH01", "LOBBY2", "20261120", 1000000}}) {
    const std::string number = format_ticket_number(parts);
    for (const bool lower : {false, true}) {
      const std::string typed = without_hyphens(number, lower);
      auto read = read_typed_ticket_number(typed, parts.site_code);
      ASSERT_TRUE(read.ok()) << typed << ": " << read.error().message;
      EXPECT_EQ(*read, number) << typed;
    }
    auto spaced = read_typed_ticket_number(" " + number.substr(0, 9) + " " + number.substr(9) + " ", "OTHER");
    EXPECT_TRUE(spaced.ok()) << "with its hyphens, any site's number as before";
  }
  const std::string typed = without_hyphens(format_ticket_number(sample()), false);
  EXPECT_FALSE(read_typed_ticket_number(typed, "").ok()) << "no site code: hyphens needed";
  EXPECT_FALSE(read_typed_ticket_number(typed, "SH02").ok()) << "another site's number";
  std::string mistyped = typed;
  mistyped[8] = mistyped[8] == '1' ? '2' : '1';
  EXPECT_FALSE(read_typed_ticket_number(mistyped, "WH01").ok()) << "the check character still counts";
  EXPECT_FALSE(read_typed_ticket_number("WH01K1", "WH01").ok());
  EXPECT_FALSE(read_typed_ticket_number("WH01K1202613220007X", "WH01").ok()) << "month 13";
  EXPECT_FALSE(read_typed_ticket_number("WH01K1?20261122", "WH01").ok());
}

TEST(TicketNumber, CompactSpellingIsUpperCaseWithoutHyphensOrSpaces) {
  EXPECT_EQ(*compact_ticket_number("wh01-k1 2026"), "WH01K12026");
  EXPECT_EQ(*compact_ticket_number(""), "");
  auto bad = compact_ticket_number("WH01_K1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().key, "error.search.number");
}

TEST(TicketNumber, EverySingleCharacterMistakeIsRejected) {
  const std::string number = format_ticket_number(sample());
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  int checked = 0;
  for (std::size_t i = 0; i < number.size(); ++i) {
    if (number[i] == '-') continue;
    for (char replacement : alphabet) {
      if (replacement == number[i]) continue;
      std::string typo = number;
      typo[i] = replacement;
      EXPECT_FALSE(parse_ticket_number(typo).ok()) << typo;
      ++checked;
    }
  }
  EXPECT_GT(checked, 500);
}

TEST(TicketNumber, EveryAdjacentSwapIsRejected) {
  for (std::int64_t seq : {1, 7, 19, 1234, 9081}) {
    TicketNumberParts parts = sample();
    parts.sequence = seq;
    const std::string number = format_ticket_number(parts);
    for (std::size_t i = 0; i + 1 < number.size(); ++i) {
      if (number[i] == number[i + 1] || number[i] == '-' || number[i + 1] == '-') continue;
      std::string swapped = number;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_FALSE(parse_ticket_number(swapped).ok()) << number << " -> " << swapped;
    }
  }
}

TEST(TicketNumber, MalformedNumbersNameTheField) {
  for (const char* bad : {"", "WH01", "WH01-K1-2026112-0007-3", "WH01-K1-20261122-07-3",
                          "WH01-K1-20261122-0007", "WH01-K1-20261122-0007-33", "WH 01-K1-20261122-00a7-3",
                          "wh01-k1-20261122-0000-0", "\xff\xfe-K1-20261122-0001-1"}) {
    auto parsed = parse_ticket_number(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(parsed.error().field, "number");
  }
}

TEST(TicketNumber, DistinctSequencesGiveDistinctNumbers) {
  std::set<std::string> seen;
  for (std::int64_t seq = 1; seq <= 2000; ++seq) {
    TicketNumberParts parts = sample();
    parts.sequence = seq;
    EXPECT_TRUE(seen.insert(format_ticket_number(parts)).second);
  }
}

TEST(TicketNumber, StationCodes) {
  EXPECT_TRUE(is_valid_station_code("WH01"));
  EXPECT_TRUE(is_valid_station_code("K1"));
  EXPECT_FALSE(is_valid_station_code(""));
  EXPECT_FALSE(is_valid_station_code("wh01"));
  EXPECT_FALSE(is_valid_station_code("WH-01"));
  EXPECT_FALSE(is_valid_station_code("TOOLONGCODE"));
}

}  // namespace
}  // namespace complaint
