// The Ticket field table: it covers every field (copying a fully filled ticket field by field
// through the table gives an equal ticket, and each field alone makes a difference), its
// columns and keys are unique, and setters refuse values that do not fit.
#include "core/domain/ticket_fields.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "tests/core/filled_ticket.h"

namespace complaint {
namespace {

// Every field away from its default, each with its own value.
Ticket every_field() {
  Ticket t = filled_ticket(Instant{std::chrono::seconds{1795680000}}, "ABCDEFGHIJKLMNOPQRSTUVWX");
  t.number = "WH01-K1-20261120-0001-5";
  t.anonymous = true;  // the one member filled_ticket leaves at its default
  return t;
}

TEST(TicketFields, CopyingEveryFieldThroughTheTableGivesAnEqualTicket) {
  const Ticket filled = every_field();
  Ticket copy;
  for (const TicketField& field : ticket_fields()) {
    ASSERT_TRUE(field.set(copy, field.get(filled))) << field.column;
  }
  EXPECT_TRUE(copy == filled) << "a Ticket member is missing from ticket_fields()";
}

TEST(TicketFields, EachFieldMakesADifference) {
  const Ticket filled = every_field();
  for (const TicketField& field : ticket_fields()) {
    Ticket t = filled;
    ASSERT_TRUE(field.set(t, field.get(Ticket{}))) << field.column;
    EXPECT_FALSE(t == filled) << field.column << " does not reach its member";
  }
}

TEST(TicketFields, ColumnsAndKeysAreUniqueAndIdentityComesFirst) {
  std::set<std::string> columns, keys;
  bool identity_over = false;
  for (const TicketField& field : ticket_fields()) {
    EXPECT_TRUE(columns.insert(field.column).second) << field.column;
    const std::string key = std::string(field.group ? field.group : "") + "." + field.key;
    EXPECT_TRUE(keys.insert(key).second) << key;
    if (!field.identity) identity_over = true;
    EXPECT_FALSE(field.identity && identity_over) << field.column << ": identity fields come first";
  }
  EXPECT_EQ(find_ticket_field("group_complaint")->key, std::string("group"));
  EXPECT_EQ(find_ticket_field("nope"), nullptr);
}

TEST(TicketFields, SettersRefuseValuesThatDoNotFitAndLeaveTheTicketAlone) {
  Ticket t = every_field();
  const Ticket before = t;
  EXPECT_FALSE(find_ticket_field("severity")->set(t, std::string("catastrophic")));
  EXPECT_FALSE(find_ticket_field("status")->set(t, std::int64_t{1}));
  EXPECT_FALSE(find_ticket_field("reopen_count")->set(t, std::int64_t{-1}));
  EXPECT_FALSE(find_ticket_field("reopen_count")->set(t, std::int64_t{1000000}));
  EXPECT_FALSE(find_ticket_field("filed_at")->set(t, FieldValue()));
  EXPECT_FALSE(find_ticket_field("content")->set(t, true));
  EXPECT_TRUE(t == before);
  EXPECT_TRUE(find_ticket_field("withdrawn_voluntarily")->set(t, FieldValue()));
  EXPECT_FALSE(t.withdrawn_voluntarily.has_value());
}

TEST(TicketFields, ValuesAsJson) {
  EXPECT_TRUE(field_value_to_json(FieldValue()).is_null());
  EXPECT_EQ(field_value_to_json(std::string("媒体")), "媒体");
  EXPECT_EQ(field_value_to_json(std::int64_t{1795680000}), 1795680000);
  EXPECT_EQ(field_value_to_json(true), true);
  EXPECT_EQ(field_value_to_json(std::vector<std::string>{"a"}).dump(), "[\"a\"]");
}

TEST(TicketFields, TextListsTravelAsJsonArrays) {
  EXPECT_EQ(text_list_to_json({"a", "媒体"}), "[\"a\",\"媒体\"]");
  EXPECT_EQ(text_list_from_json("[\"a\",\"媒体\"]"), (std::vector<std::string>{"a", "媒体"}));
  EXPECT_FALSE(text_list_from_json("[1]"));
  EXPECT_FALSE(text_list_from_json("{}"));
  EXPECT_FALSE(text_list_from_json("not json"));
}

}  // namespace
}  // namespace complaint
