// Ticket and event rows (see ticket_rows.h). The ticket SQL, binders and reader are generated
// from the field table (core/domain/ticket_fields.h) and the reader verifies each column's
// name, so a misordered column fails loudly instead of shifting every field by one.
#include "core/store/ticket_rows.h"

#include <cstring>
#include <iterator>
#include <string_view>

#include "core/domain/ticket_fields.h"
#include "core/store/report_digest.h"
#include "core/store/sqlite_connection.h"

namespace complaint::store {
namespace {

// Tripwire for events (tickets have theirs beside the field table, core/domain/ticket_fields.cpp).
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
static_assert(sizeof(TicketEvent) == 216, "TicketEvent changed: map the new field in ticket_rows.cpp");
#endif

template <class Keep>
std::string columns_joined(std::string_view prefix, Keep keep) {
  std::string out;
  for (const TicketField& field : ticket_fields()) {
    if (!keep(field)) continue;
    if (!out.empty()) out += ", ";
    out += prefix;
    out += field.column;
  }
  return out;
}

constexpr auto k_every = [](const TicketField&) { return true; };

std::string build_select_columns() {
  return "SELECT id, " + columns_joined("", k_every) + ", revision";
}

std::string build_insert() {
  return "INSERT INTO tickets (" + columns_joined("", k_every) + ", revision) VALUES (" +
         columns_joined(":", k_every) + ", 1)";
}

std::string build_update() {
  std::string sets;
  for (const TicketField& field : ticket_fields()) {
    if (!field.identity) sets += std::string(field.column) + " = :" + field.column + ", ";
  }
  return "UPDATE tickets SET " + sets +
         "revision = revision + 1 WHERE number = :number AND revision = :revision";
}

// ":column" for every field, made once: statements bind by parameter name.
const std::vector<std::string>& parameter_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const TicketField& field : ticket_fields()) out.push_back(std::string(":") + field.column);
    return out;
  }();
  return names;
}

void bind_field(Statement& s, const char* name, const FieldValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    s.bind(name, std::string_view(*text));
  } else if (const auto* number = std::get_if<std::int64_t>(&value)) {
    s.bind(name, *number);
  } else if (const auto* flag = std::get_if<bool>(&value)) {
    s.bind(name, *flag);
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    s.bind(name, std::string_view(text_list_to_json(*list)));
  } else {
    s.bind_null(name);
  }
}

void bind_fields(Statement& s, const Ticket& t, bool identity) {
  const auto& fields = ticket_fields();
  const auto& names = parameter_names();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].identity == identity) bind_field(s, names[i].c_str(), fields[i].get(t));
  }
}

// Reads columns left to right, checking each name against the expected one.
class RowReader {
 public:
  explicit RowReader(const Statement& statement) : m_statement(statement) {}

  std::int64_t int64(const char* name) { return m_statement.column_int64(integer_column(name)); }
  std::string text(const char* name) { return m_statement.column_text(next(name)); }
  bool boolean(const char* name) { return int64(name) != 0; }
  Instant instant(const char* name) { return Instant{std::chrono::seconds{int64(name)}}; }
  std::optional<std::int64_t> optional_int64(const char* name) {
    return m_statement.column_optional_int64(integer_column(name));
  }

  // The first problem met while reading (a misordered column or an unknown enum spelling).
  const std::string& problem() const { return m_problem; }
  void note_problem(std::string problem) {
    if (m_problem.empty()) m_problem = std::move(problem);
  }

 private:
  // SQLite would read a text in an INTEGER column as 0: a corrupt row, as on PostgreSQL.
  int integer_column(const char* name) {
    const int index = next(name);
    if (index < m_statement.column_count() && !m_statement.column_is_integer_or_null(index)) {
      note_problem(std::string(name) + " holds '" + m_statement.column_text(index) + "', not an integer");
    }
    return index;
  }

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

const std::string& select_ticket_columns_sql() {
  static const std::string sql = build_select_columns();
  return sql;
}

const std::string& select_tickets_sql() {
  static const std::string sql = select_ticket_columns_sql() + " FROM tickets";
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
  bind_fields(s, t, /*identity=*/true);
}

void bind_ticket_state(Statement& s, const Ticket& t) {
  bind_fields(s, t, /*identity=*/false);
}

Result<Ticket> read_ticket(const Statement& statement) {
  RowReader row(statement);
  Ticket t;
  t.id = row.int64("id");
  for (const TicketField& field : ticket_fields()) {
    FieldValue value;
    switch (field.type) {
      case FieldType::text:
        value = row.text(field.column);
        break;
      case FieldType::instant:
      case FieldType::integer:
        value = row.int64(field.column);
        break;
      case FieldType::flag:
        value = row.boolean(field.column);
        break;
      case FieldType::optional_instant:
        if (const auto number = row.optional_int64(field.column)) value = *number;
        break;
      case FieldType::optional_flag:
        if (const auto number = row.optional_int64(field.column)) value = *number != 0;
        break;
      case FieldType::text_list: {
        const std::string text = row.text(field.column);
        const auto list = text_list_from_json(text);
        if (!list) {
          row.note_problem(std::string(field.column) + " is not a JSON array of strings: " + text);
          continue;
        }
        value = *list;
        break;
      }
    }
    if (!field.set(t, value)) {
      const auto* text = std::get_if<std::string>(&value);
      row.note_problem(std::string(field.column) + " holds an unusable value" +
                       (text ? " '" + *text + "'" : ""));
    }
  }
  t.revision = row.int64("revision");
  if (!row.problem().empty()) return bad_row("tickets", row.problem());
  return t;
}

// ---- report_cohort: the report's fields only (report_fields_of, ticket_repository.h)

namespace {

constexpr const char* k_report_ticket_columns[] = {
    "id",       "number",     "kind",       "category",        "channel",   "site_code",
    "kiosk_id", "severity",   "major",      "group_complaint", "anonymous", "repeat_of",
    "filed_at", "forward_by", "contact_by", "resolve_by",      "answer_by", "callback_by"};

std::string report_ticket_columns(const char* table) {
  std::string out;
  for (const char* column : k_report_ticket_columns) {
    if (!out.empty()) out += ", ";
    out += table == nullptr ? std::string(column) : std::string(table) + "." + column + " AS " + column;
  }
  return out;
}

// The event columns: the data of the actions the report does not read is never copied.
std::string report_event_columns() {
  return "SELECT ticket_number, at, role, action, to_status, CASE WHEN action IN (" +
         report_data_actions_sql() + ") THEN data_json ELSE '{}' END AS data_json FROM events";
}

}  // namespace

const std::string& select_report_tickets_sql() {
  static const std::string sql =
      "SELECT " + report_ticket_columns(nullptr) +
      " FROM tickets WHERE filed_at >= :from AND filed_at < :to ORDER BY filed_at, id";
  return sql;
}

const std::string& select_report_digests_sql() {
  // The ticket's count of events is the trigger's (desk schema 8), beside the digest: one
  // lookup by key per ticket (counting each ticket's events was most of a warm report).
  static const std::string sql =
      "SELECT " + report_ticket_columns("t") +
      ", d.event_count AS event_count, d.digest_count AS digest_count, d.digest AS digest"
      " FROM tickets t LEFT JOIN report_digests d ON d.number = t.number"
      " WHERE t.filed_at >= :from AND t.filed_at < :to ORDER BY t.filed_at, t.id";
  return sql;
}

const std::string& select_report_events_sql() {
  // events_by_ticket (ticket_number, id) gives the order; the period's numbers come from
  // tickets_by_filed_at.
  static const std::string sql =
      report_event_columns() +
      " WHERE ticket_number IN (SELECT number FROM tickets WHERE filed_at >= :from AND filed_at < :to)"
      " ORDER BY ticket_number, id";
  return sql;
}

const std::string& select_report_events_of_sql() {
  static const std::string sql = report_event_columns() +
                                 " WHERE ticket_number IN (SELECT value FROM json_each(:numbers))"
                                 " ORDER BY ticket_number, id";
  return sql;
}

const char* update_report_digest_sql() {
  // The row is the trigger's (a ticket's first event makes it); its event_count is never written here.
  return "UPDATE report_digests SET digest_count = :digest_count, digest = :digest WHERE number = :number";
}

namespace {

// The statement's columns are k_report_ticket_columns then `more`: checked once per statement,
// as rows are then read by position (82,198 rows a month: names checked per row were measurable).
Result<void> check_report_columns(const Statement& statement, int more) {
  const int count = static_cast<int>(std::size(k_report_ticket_columns));
  if (statement.column_count() != count + more) return bad_row("tickets", "the report's columns changed");
  for (int i = 0; i < count; ++i) {
    if (std::strcmp(statement.column_name(i), k_report_ticket_columns[i]) != 0) {
      return bad_row("tickets", std::string("column ") + std::to_string(i) + " is '" +
                                    statement.column_name(i) + "', expected '" + k_report_ticket_columns[i] +
                                    "'");
    }
  }
  return Ok{};
}

// Fills `t` (a new, default ticket) in place from the columns of k_report_ticket_columns.
Result<void> read_report_ticket(const Statement& row, Ticket& t) {
  // SQLite would read a text in an INTEGER column as 0: a corrupt row, as on PostgreSQL.
  for (const int integer : {0, 8, 9, 10, 12, 13, 14, 15, 16, 17}) {
    if (!row.column_is_integer_or_null(integer)) {
      return bad_row("tickets", std::string(k_report_ticket_columns[integer]) + " holds '" +
                                    std::string(row.column_view(integer)) + "', not an integer");
    }
  }
  t.id = row.column_int64(0);
  t.number = row.column_view(1);
  t.kind = row.column_view(2);
  t.category = row.column_view(3);
  t.channel = row.column_view(4);
  t.site_code = row.column_view(5);
  t.kiosk_id = row.column_view(6);
  const std::string_view severity = row.column_view(7);
  const auto parsed = severity_from_string(severity);
  if (!parsed) return bad_row("tickets", "severity holds unknown value '" + std::string(severity) + "'");
  t.severity = *parsed;
  t.major = row.column_int64(8) != 0;
  t.group = row.column_int64(9) != 0;
  t.anonymous = row.column_int64(10) != 0;
  t.repeat_of = row.column_view(11);
  t.filed_at = Instant{std::chrono::seconds{row.column_int64(12)}};
  std::optional<Instant>* deadlines[] = {&t.deadlines.forward_by, &t.deadlines.contact_by,
                                         &t.deadlines.resolve_by, &t.deadlines.answer_by,
                                         &t.deadlines.callback_by};
  for (int d = 0; d < 5; ++d) {
    if (const auto seconds = row.column_optional_int64(13 + d))
      *deadlines[d] = Instant{std::chrono::seconds{*seconds}};
  }
  return Ok{};
}

}  // namespace

Result<void> read_report_tickets(Statement& tickets, CohortAssembler& cohort) {
  bool first = true;
  while (true) {
    TRY_ASSIGN(const bool row, tickets.step());
    if (!row) return Ok{};
    if (first) TRY_VOID(check_report_columns(tickets, 0));
    first = false;
    TRY_VOID(read_report_ticket(tickets, cohort.append().ticket));
    cohort.wait_for_events();
  }
}

Result<void> read_report_digests(Statement& tickets, CohortAssembler& cohort) {
  const int count_column = static_cast<int>(std::size(k_report_ticket_columns));
  bool first = true;
  while (true) {
    TRY_ASSIGN(const bool row, tickets.step());
    if (!row) return Ok{};
    if (first) TRY_VOID(check_report_columns(tickets, 3));
    first = false;
    TicketHistory& history = cohort.append();
    TRY_VOID(read_report_ticket(tickets, history.ticket));
    const std::optional<std::int64_t> event_count = tickets.column_optional_int64(count_column);
    const std::optional<std::int64_t> digest_count = tickets.column_optional_int64(count_column + 1);
    const bool current =
        event_count && digest_count && *digest_count == *event_count &&
        decode_report_digest(tickets.column_view(count_column + 2), *event_count, history.events);
    if (!current) {
      history.events.clear();
      cohort.wait_for_events();  // missing or stale: its events are read
    }
  }
}

Result<void> read_report_events(Statement& events, CohortAssembler& cohort) {
  // Read by position (the statement is this file's): at 400,000 rows a month, the names
  // checked per row were measurable. The column count is checked once.
  bool first = true;
  while (true) {
    TRY_ASSIGN(const bool row, events.step());
    if (!row) return Ok{};
    if (first && events.column_count() != 6) return bad_row("events", "the report's event columns changed");
    first = false;
    std::vector<TicketEvent>* into = cohort.events_of(events.column_view(0));
    if (into == nullptr) continue;
    TicketEvent& e = into->emplace_back();
    e.at = Instant{std::chrono::seconds{events.column_int64(1)}};
    e.role = events.column_view(2);
    e.action = events.column_view(3);
    const std::string_view to = events.column_view(4);
    const auto status = status_from_string(to);
    if (!status) return bad_row("events", "to_status holds unknown value '" + std::string(to) + "'");
    e.to = *status;
    e.data_json = events.column_view(5);
  }
}

Result<std::int64_t> count_unsent_outbox(sqlite3* db) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"));
  TRY_ASSIGN(const bool row, statement.step());
  return row ? statement.column_int64(0) : 0;
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

Result<std::optional<Ticket>> find_ticket(SqliteConnection& connection, const std::string& number) {
  static const std::string sql = select_tickets_sql() + " WHERE number = :n";
  TRY_ASSIGN(Statement statement, connection.prepared(sql));
  statement.bind(":n", number);
  TRY_ASSIGN(const bool row, statement.step());
  if (!row) return std::optional<Ticket>();
  TRY_ASSIGN(Ticket ticket, read_ticket(statement));
  return std::optional<Ticket>(std::move(ticket));
}

Result<std::vector<TicketEvent>> read_events(Statement& statement) {
  std::vector<TicketEvent> events;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return events;
    TRY_ASSIGN(TicketEvent event, read_event(statement));
    events.push_back(std::move(event));
  }
}

Result<std::vector<Ticket>> read_tickets(Statement& statement) {
  std::vector<Ticket> tickets;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return tickets;
    TRY_ASSIGN(Ticket ticket, read_ticket(statement));
    tickets.push_back(std::move(ticket));
  }
}

}  // namespace complaint::store
