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

// Appends `value` to the binds; returns its name.
std::string add_bind(std::vector<Bind>& binds, const std::string& value) {
  binds.push_back({":b" + std::to_string(binds.size()), value});
  return binds.back().name;
}

// The FTS5 MATCH of every word: their phrases ANDed, so the text index intersects them
// itself. As one `id IN` per word, SQLite read the rows of the first word's matches to test
// the second's: 400 ms at p50 for two words in 4% and 2.5% of 1,000,000 tickets.
std::string words_match(const TicketSearch& search) {
  std::string match;
  for (const std::string& word : search.words)
    match += (match.empty() ? "" : " AND ") + store::interleaved_search_phrase(word);
  return match;
}

// " AND id IN (...)": the rows whose text holds every word ("" without words).
std::string words_sql(const TicketSearch& search, std::vector<Bind>& binds) {
  if (search.words.empty()) return {};
  // With a phone (its last four digits: about one ticket in 10,000) the phone's index is the
  // place to start and the words only test those rows; "+id" keeps SQLite from starting at a
  // common word's tens of thousands of matches instead (p99 306 ms before, 2026-12-04).
  const std::string id = search.phone.empty() ? "id" : "+id";
  return " AND " + id + " IN (SELECT rowid FROM ticket_text WHERE ticket_text MATCH " +
         add_bind(binds, words_match(search)) + ")";
}

// The WHERE clause of the search (without its words when `with_words` is false) and its
// text binds.
std::string filters(const TicketSearch& search, std::vector<Bind>& binds, bool with_words = true) {
  std::string where = " WHERE 1";
  const auto bind = [&binds](const std::string& value) { return add_bind(binds, value); };
  if (!search.number.empty()) {
    where += " AND replace(number, '-', '') >= " + bind(search.number) + " AND replace(number, '-', '') < " +
             bind(prefix_end(search.number));
  }
  if (!search.check_code.empty()) where += " AND check_code = " + bind(search.check_code);
  if (phone_suffix(search)) {
    where += " AND substr(phone, -4) = " + bind(search.phone);
  } else if (!search.phone.empty()) {
    where += " AND phone = " + bind(search.phone);
  }
  if (!search.name.empty()) {
    where += " AND customer_name >= " + bind(search.name) + " AND customer_name < " +
             bind(prefix_end(search.name));
  }
  if (with_words) where += words_sql(search, binds);
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

// Only words and nothing else: the text index alone can count (no ticket row is read).
bool words_only(const TicketSearch& search) {
  return !search.words.empty() && search.number.empty() && search.phone.empty() && search.name.empty() &&
         search.check_code.empty() && search.state == SearchState::any && !search.departments_in &&
         search.hidden_kinds.empty() && search.hidden_categories.empty() && !search.filed_from &&
         !search.filed_before;
}

// The capped count of a search words_only() accepts, from the text index.
std::string words_count_sql(const TicketSearch& search, std::vector<Bind>& binds) {
  binds.push_back({":w", words_match(search)});
  return store::capped_count_sql("FROM ticket_text WHERE ticket_text MATCH :w");
}

// The page along filed_at (search_walks_filing_order): the ids of the newest walk_rows
// tickets in scope, from the filing time's index, those the words keep, the page of them;
// then their rows, sorted again (50 of them). Only ids pass between the levels: a co-routine
// of whole rows copied every column of every row walked (13.6 ms at p50 for a word in 1% of
// 1,000,000 tickets, against 6 ms). The middle level's LIMIT counts the co-routine's rows in
// the order it yields them, its ORDER BY's; an ORDER BY there would sort every walked row
// again (EXPLAIN QUERY PLAN: USE TEMP B-TREE FOR ORDER BY).
std::string walked_page_sql(const std::string& scope_where, const std::string& words_where) {
  return store::select_tickets_sql() + " WHERE id IN (SELECT id FROM (SELECT id FROM tickets INDEXED BY " +
         "tickets_by_filed_at" + scope_where + " ORDER BY filed_at DESC, id DESC LIMIT :walk) WHERE 1" +
         words_where + " LIMIT :limit OFFSET :offset) ORDER BY filed_at DESC, id DESC";
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
        from_text ? words_count_sql(query, count_binds) : store::capped_count_sql("FROM tickets" + where);
    TRY_ASSIGN(Statement count, Statement::prepare(db, sql));
    if (from_text) {
      for (const Bind& bind : count_binds) count.bind(bind.name.c_str(), bind.value);
    } else {
      bind_all(count, query, binds);
    }
    TRY_ASSIGN(const bool counted, count.step());
    if (counted) set_capped_total(page, count.column_int64(0));
  }
  if (!page.may_reach(query.offset)) return page;

  if (search_walks_filing_order(query, page.more)) {
    std::vector<Bind> walk_binds;
    const std::string scope = filters(query, walk_binds, false);
    const std::string words = words_sql(query, walk_binds);
    TRY_ASSIGN(Statement walked, Statement::prepare(db, walked_page_sql(scope, words)));
    bind_all(walked, query, walk_binds);
    walked.bind(":walk", query.walk_rows).bind(":limit", query.limit).bind(":offset", query.offset);
    TRY_ASSIGN(page.tickets, store::read_tickets(walked));
    if (static_cast<int>(page.tickets.size()) == query.limit) return page;
    page.tickets.clear();  // the walk's rows held too few: every match is read below
  }
  TRY_ASSIGN(Statement rows,
             Statement::prepare(db, store::select_tickets_sql() + where +
                                        " ORDER BY filed_at DESC, id DESC LIMIT :limit OFFSET :offset"));
  bind_all(rows, query, binds);
  rows.bind(":limit", query.limit).bind(":offset", query.offset);
  TRY_ASSIGN(page.tickets, store::read_tickets(rows));
  return page;
}

}  // namespace complaint
