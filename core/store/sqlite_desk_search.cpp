// SqliteDeskStore::search: ticket search in SQL over the indexes of desk schemas 11 and 14
// (see sqlite_desk_store.cpp): the plain number, the phone's last four digits and the name
// as index ranges, each word as a phrase MATCH on the FTS5 table ticket_text, which holds
// the interleaved text (core/store/sqlite_search_text.h), dates on tickets_by_filed_at. The
// scope is part of the WHERE, so nothing outside it is counted.
#include <string>

#include "core/store/desk_queue_sql.h"
#include "core/store/sqlite_connection.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_search_text.h"
#include "core/store/sqlite_statement.h"
#include "core/store/ticket_rows.h"

namespace complaint {

using store::Statement;

namespace {

struct Bind {
  std::string name;
  std::string value;
};

// The WHERE clause of the search and its text binds.
std::string filters(const TicketSearch& search, std::vector<Bind>& binds) {
  std::string where = " WHERE 1";
  const auto bind = [&binds](const std::string& value) {
    binds.push_back({":b" + std::to_string(binds.size()), value});
    return binds.back().name;
  };
  if (!search.number.empty()) {
    where += " AND replace(number, '-', '') >= " + bind(search.number) + " AND replace(number, '-', '') < " +
             bind(prefix_end(search.number));
  }
  if (phone_suffix(search)) {
    where += " AND substr(phone, -4) = " + bind(search.phone);
  } else if (!search.phone.empty()) {
    where += " AND phone = " + bind(search.phone);
  }
  if (!search.name.empty()) {
    where += " AND customer_name >= " + bind(search.name) + " AND customer_name < " +
             bind(prefix_end(search.name));
  }
  // With a phone (its last four digits: about one ticket in 10,000) the phone's index is the
  // place to start and a word only tests those rows; "+id" keeps SQLite from starting at a
  // common word's tens of thousands of matches instead (p99 306 ms before, 2026-12-04).
  const std::string id = search.phone.empty() ? "id" : "+id";
  for (const std::string& word : search.words) {
    where += " AND " + id + " IN (SELECT rowid FROM ticket_text WHERE ticket_text MATCH " +
             bind(store::interleaved_search_phrase(word)) + ")";
  }
  where += store::search_state_and_scope_sql(search, bind);
  if (search.filed_from) where += " AND filed_at >= :from";
  if (search.filed_before) where += " AND filed_at < :before";
  return where;
}

void bind_all(Statement& statement, const TicketSearch& search, const std::vector<Bind>& binds) {
  for (const Bind& bind : binds) statement.bind(bind.name.c_str(), bind.value);
  if (search.filed_from) statement.bind(":from", *search.filed_from);
  if (search.filed_before) statement.bind(":before", *search.filed_before);
}

}  // namespace

namespace store {

std::string search_text_sql(const std::string& table) {
  return table + ".content || char(10) || " + table + ".desired_outcome || ' '";
}

}  // namespace store

namespace {

// Only one word and nothing else: the text index alone can count (no ticket row is read).
bool words_only(const TicketSearch& search) {
  return search.words.size() == 1 && search.number.empty() && search.phone.empty() && search.name.empty() &&
         search.state == SearchState::any && !search.departments_in && search.hidden_kinds.empty() &&
         search.hidden_categories.empty() && !search.filed_from && !search.filed_before;
}

// The count of a search words_only() accepts, from the text index.
std::string words_count_sql(const std::string& word, std::vector<Bind>& binds) {
  binds.push_back({":w", store::interleaved_search_phrase(word)});
  return "SELECT count(*) FROM ticket_text WHERE ticket_text MATCH :w";
}

}  // namespace

Result<TicketSearchPage> SqliteDeskStore::search(const TicketSearch& query) {
  // No department at all: nothing (a handler whose account names none sees no ticket).
  if (query.departments_in && query.departments_in->empty()) return TicketSearchPage{};
  std::vector<Bind> binds;
  const std::string where = filters(query, binds);
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(store::ReadTransaction snapshot, store::ReadTransaction::begin(db));
  TicketSearchPage page;
  {
    std::vector<Bind> count_binds;
    const bool from_text = words_only(query);
    const std::string sql =
        from_text ? words_count_sql(query.words[0], count_binds) : "SELECT count(*) FROM tickets" + where;
    TRY_ASSIGN(Statement count, Statement::prepare(db, sql));
    if (from_text) {
      for (const Bind& bind : count_binds) count.bind(bind.name.c_str(), bind.value);
    } else {
      bind_all(count, query, binds);
    }
    TRY_ASSIGN(const bool counted, count.step());
    if (counted) page.total = count.column_int64(0);
  }
  if (page.total == 0 || query.offset >= page.total) return page;

  const std::string from =
      search_walks_filing_order(query, page.total) ? " INDEXED BY tickets_by_filed_at" : "";
  TRY_ASSIGN(Statement rows,
             Statement::prepare(db, store::select_tickets_sql() + from + where +
                                        " ORDER BY filed_at DESC, id DESC LIMIT :limit OFFSET :offset"));
  bind_all(rows, query, binds);
  rows.bind(":limit", query.limit).bind(":offset", query.offset);
  TRY_ASSIGN(page.tickets, store::read_tickets(rows));
  return page;
}

}  // namespace complaint
