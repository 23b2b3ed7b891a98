// Ticket and event rows (see ticket_rows.h). The SQL text is generated from the column
// lists below and the readers verify each column's name, so a list edited in one place
// but not the other fails loudly instead of shifting every field by one.
#include "core/store/ticket_rows.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string_view>

namespace complaint::store {
namespace {

// Tripwire: a field added to Ticket or TicketEvent changes its size and stops the build
// here, so it cannot go unstored. Add the column (a new migration step once a schema
// version has shipped), bind and read it, extend the round-trip test, then update this.
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
static_assert(sizeof(Ticket) == 976, "Ticket changed: map the new field in ticket_rows.cpp");
static_assert(sizeof(TicketEvent) == 216, "TicketEvent changed: map the new field in ticket_rows.cpp");
#endif

// clang-format off
constexpr const char* kIdentityColumns[] = {"number", "tracking_token", "site_code", "kiosk_id"};
constexpr const char* kStateColumns[] = {
    "kind", "channel", "category", "severity", "content", "desired_outcome",
    "customer_name", "phone", "address", "language",
    "filed_at", "recorded_at", "staff_involved", "recorded_by",
    "major", "major_notified", "major_reasons", "repeat_of", "group_complaint", "anonymous", "status",
    "forward_by", "contact_by", "resolve_by", "answer_by", "callback_by", "callback_not_before",
    "department", "verification", "handling_opinion", "handling_result", "callback_note", "satisfaction",
    "handler", "supervisor", "first_contact_at", "replied_at", "withdrawn_at", "withdrawn_voluntarily",
    "resolved_on_the_spot", "reopen_count"};
// clang-format on

std::string join(std::string_view prefix, std::string_view separator, std::string_view suffix,
                 const auto& columns) {
  std::string out;
  for (const char* column : columns) {
    if (!out.empty()) out += separator;
    out += prefix;
    out += column;
    out += suffix;
  }
  return out;
}

std::string build_select() {
  return "SELECT id, " + join("", ", ", "", kIdentityColumns) + ", " + join("", ", ", "", kStateColumns) +
         ", revision FROM tickets";
}

std::string build_insert() {
  return "INSERT INTO tickets (" + join("", ", ", "", kIdentityColumns) + ", " +
         join("", ", ", "", kStateColumns) + ", revision) VALUES (" + join(":", ", ", "", kIdentityColumns) +
         ", " + join(":", ", ", "", kStateColumns) + ", 1)";
}

std::string build_update() {
  std::string sets;
  for (const char* column : kStateColumns) sets += std::string(column) + " = :" + column + ", ";
  return "UPDATE tickets SET " + sets +
         "revision = revision + 1 WHERE number = :number AND revision = :revision";
}

// Reads columns left to right, checking each name against the expected one.
class RowReader {
 public:
  explicit RowReader(const Statement& statement) : m_statement(statement) {}

  std::int64_t int64(const char* name) { return m_statement.column_int64(next(name)); }
  std::string text(const char* name) { return m_statement.column_text(next(name)); }
  bool boolean(const char* name) { return int64(name) != 0; }
  Instant instant(const char* name) { return Instant{std::chrono::seconds{int64(name)}}; }
  std::optional<Instant> optional_instant(const char* name) {
    const auto value = m_statement.column_optional_int64(next(name));
    if (!value) return std::nullopt;
    return Instant{std::chrono::seconds{*value}};
  }
  std::optional<bool> optional_boolean(const char* name) {
    const auto value = m_statement.column_optional_int64(next(name));
    if (!value) return std::nullopt;
    return *value != 0;
  }

  // The first problem met while reading (a misordered column or an unknown enum spelling).
  const std::string& problem() const { return m_problem; }
  void note_problem(std::string problem) {
    if (m_problem.empty()) m_problem = std::move(problem);
  }

 private:
  int next(const char* name) {
    const int index = m_index++;
    const char* actual = index < m_statement.column_count() ? m_statement.column_name(index) : nullptr;
    if (actual == nullptr || std::strcmp(actual, name) != 0) {
      note_problem("column " + std::to_string(index) + " is '" + (actual ? actual : "(none)") +
                   "', expected '" + name + "'");
    }
    return index;
  }

  const Statement& m_statement;
  int m_index = 0;
  std::string m_problem;
};

template <class Enum>
Enum parse_enum(RowReader& row, const char* column, std::optional<Enum> (*parse)(std::string_view),
                Enum fallback) {
  const std::string text = row.text(column);
  const auto value = parse(text);
  if (!value) row.note_problem(std::string(column) + " holds unknown value '" + text + "'");
  return value.value_or(fallback);
}

Error bad_row(const char* table, const std::string& problem) {
  return Error::make(ErrorCode::storage, std::string("unreadable ") + table + " row: " + problem, "read_row",
                     0);
}

}  // namespace

const std::string& select_tickets_sql() {
  static const std::string sql = build_select();
  return sql;
}

const std::string& insert_ticket_sql() {
  static const std::string sql = build_insert();
  return sql;
}

const std::string& update_ticket_sql() {
  static const std::string sql = build_update();
  return sql;
}

void bind_ticket_identity(Statement& s, const Ticket& t) {
  s.bind(":number", t.number).bind(":tracking_token", t.tracking_token);
  s.bind(":site_code", t.site_code).bind(":kiosk_id", t.kiosk_id);
}

void bind_ticket_state(Statement& s, const Ticket& t) {
  s.bind(":kind", t.kind).bind(":channel", t.channel).bind(":category", t.category);
  s.bind(":severity", to_string(t.severity)).bind(":content", t.content);
  s.bind(":desired_outcome", t.desired_outcome).bind(":customer_name", t.customer_name);
  s.bind(":phone", t.phone).bind(":address", t.address).bind(":language", t.language);
  s.bind(":filed_at", t.filed_at).bind(":recorded_at", t.recorded_at);
  s.bind(":staff_involved", t.staff_involved).bind(":recorded_by", t.recorded_by);
  s.bind(":major", t.major)
      .bind(":major_notified", t.major_notified)
      .bind(":major_reasons", nlohmann::json(t.major_reasons).dump());
  s.bind(":repeat_of", t.repeat_of).bind(":group_complaint", t.group).bind(":anonymous", t.anonymous);
  s.bind(":status", to_string(t.status));
  const Deadlines& d = t.deadlines;
  s.bind(":forward_by", d.forward_by).bind(":contact_by", d.contact_by).bind(":resolve_by", d.resolve_by);
  s.bind(":answer_by", d.answer_by).bind(":callback_by", d.callback_by);
  s.bind(":callback_not_before", d.callback_not_before);
  s.bind(":department", t.department).bind(":verification", t.verification);
  s.bind(":handling_opinion", t.handling_opinion).bind(":handling_result", t.handling_result);
  s.bind(":callback_note", t.callback_note).bind(":satisfaction", to_string(t.satisfaction));
  s.bind(":handler", t.handler).bind(":supervisor", t.supervisor);
  s.bind(":first_contact_at", t.first_contact_at).bind(":replied_at", t.replied_at);
  s.bind(":withdrawn_at", t.withdrawn_at).bind(":withdrawn_voluntarily", t.withdrawn_voluntarily);
  s.bind(":resolved_on_the_spot", t.resolved_on_the_spot).bind(":reopen_count", t.reopen_count);
}

Result<Ticket> read_ticket(const Statement& statement) {
  RowReader row(statement);
  Ticket t;
  t.id = row.int64("id");
  t.number = row.text("number");
  t.tracking_token = row.text("tracking_token");
  t.site_code = row.text("site_code");
  t.kiosk_id = row.text("kiosk_id");
  t.kind = row.text("kind");
  t.channel = row.text("channel");
  t.category = row.text("category");
  t.severity = parse_enum(row, "severity", &severity_from_string, Severity::general);
  t.content = row.text("content");
  t.desired_outcome = row.text("desired_outcome");
  t.customer_name = row.text("customer_name");
  t.phone = row.text("phone");
  t.address = row.text("address");
  t.language = row.text("language");
  t.filed_at = row.instant("filed_at");
  t.recorded_at = row.instant("recorded_at");
  t.staff_involved = row.text("staff_involved");
  t.recorded_by = row.text("recorded_by");
  t.major = row.boolean("major");
  t.major_notified = row.boolean("major_notified");
  const std::string reasons = row.text("major_reasons");
  const auto parsed = nlohmann::json::parse(reasons, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_array() &&
      std::all_of(parsed.begin(), parsed.end(), [](const auto& r) { return r.is_string(); })) {
    t.major_reasons = parsed.get<std::vector<std::string>>();
  } else {
    row.note_problem("major_reasons is not a JSON array of strings: " + reasons);
  }
  t.repeat_of = row.text("repeat_of");
  t.group = row.boolean("group_complaint");
  t.anonymous = row.boolean("anonymous");
  t.status = parse_enum(row, "status", &status_from_string, Status::filed);
  Deadlines& d = t.deadlines;
  d.forward_by = row.optional_instant("forward_by");
  d.contact_by = row.optional_instant("contact_by");
  d.resolve_by = row.optional_instant("resolve_by");
  d.answer_by = row.optional_instant("answer_by");
  d.callback_by = row.optional_instant("callback_by");
  d.callback_not_before = row.optional_instant("callback_not_before");
  t.department = row.text("department");
  t.verification = row.text("verification");
  t.handling_opinion = row.text("handling_opinion");
  t.handling_result = row.text("handling_result");
  t.callback_note = row.text("callback_note");
  t.satisfaction = parse_enum(row, "satisfaction", &satisfaction_from_string, Satisfaction::none);
  t.handler = row.text("handler");
  t.supervisor = row.text("supervisor");
  t.first_contact_at = row.optional_instant("first_contact_at");
  t.replied_at = row.optional_instant("replied_at");
  t.withdrawn_at = row.optional_instant("withdrawn_at");
  t.withdrawn_voluntarily = row.optional_boolean("withdrawn_voluntarily");
  t.resolved_on_the_spot = row.boolean("resolved_on_the_spot");
  t.reopen_count = static_cast<int>(row.int64("reopen_count"));
  t.revision = row.int64("revision");
  if (!row.problem().empty()) return bad_row("tickets", row.problem());
  return t;
}

const char* select_events_sql() {
  return "SELECT id, ticket_number, at, actor, role, action, from_status, to_status, note, data_json "
         "FROM events";
}

const char* insert_event_sql() {
  return "INSERT INTO events (ticket_number, at, actor, role, action, from_status, to_status, note, "
         "data_json) "
         "VALUES (:ticket_number, :at, :actor, :role, :action, :from_status, :to_status, :note, :data_json)";
}

void bind_event(Statement& s, const TicketEvent& e) {
  s.bind(":ticket_number", e.ticket_number).bind(":at", e.at).bind(":actor", e.actor);
  s.bind(":role", e.role).bind(":action", e.action);
  s.bind(":from_status", to_string(e.from)).bind(":to_status", to_string(e.to)).bind(":note", e.note);
  // An event without details is stored as "{}", the documented spelling of "none".
  s.bind(":data_json", e.data_json.empty() ? std::string_view("{}") : std::string_view(e.data_json));
}

Result<TicketEvent> read_event(const Statement& statement) {
  RowReader row(statement);
  TicketEvent e;
  e.id = row.int64("id");
  e.ticket_number = row.text("ticket_number");
  e.at = row.instant("at");
  e.actor = row.text("actor");
  e.role = row.text("role");
  e.action = row.text("action");
  e.from = parse_enum(row, "from_status", &status_from_string, Status::filed);
  e.to = parse_enum(row, "to_status", &status_from_string, Status::filed);
  e.note = row.text("note");
  e.data_json = row.text("data_json");
  if (!row.problem().empty()) return bad_row("events", row.problem());
  return e;
}

}  // namespace complaint::store
