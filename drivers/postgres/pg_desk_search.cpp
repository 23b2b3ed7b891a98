// PgDeskStore::search: ticket search in SQL over the indexes pg_ticket_store.cpp's schema
// makes: the plain number and the name as LIKE prefixes (text_pattern_ops), the phone's last
// four digits, and each word by its two-character pieces in the GIN index on
// desk_text_bigrams. The scope is part of the WHERE, so nothing outside it is counted.
//
// Measured over 1,000,000 tickets (bench/desk/search_bench.cpp, docs/BENCHMARKS.md): a word
// in 1% of them took 377 ms at p99 when every match was read twice (for the count and for the
// page), each checked again with LIKE. A two-character word is now its one bigram, so no LIKE
// follows the index for it (a longer word still needs one: its pieces can be apart). But
// PostgreSQL re-checks the GIN containment on every match's row, computing the bigrams again
// (about 35 us a row, EXPLAIN ANALYZE), so the count stops past kSearchCountCap, and a page of
// many matches is found by walking filed_at (search_walks_filing_order), testing LIKE alone.
#include <functional>

#include "core/base/utf8.h"
#include "core/store/desk_queue_sql.h"
#include "drivers/postgres/pg_desk_store.h"
#include "drivers/postgres/pg_session.h"

namespace complaint {
namespace {

// `text` with LIKE's wildcards and its escape character (backslash) escaped.
std::string like_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

constexpr const char* kSearchText = "(content || E'\\n' || desired_outcome)";

// Appends a parameter, returning its placeholder.
auto parameter_adder(std::vector<pg::Param>& params) {
  return [&params](pg::Param value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
}

// One word tested by LIKE on the lower-cased text: a longer word again after its bigrams' index
// (its pieces can be apart), and every word of the rows walked along filed_at (the bigram
// function would be computed on every row).
std::string word_like_sql(const std::string& word, const std::function<std::string(pg::Param)>& param) {
  return " AND lower" + std::string(kSearchText) + " LIKE " + param("%" + like_escaped(word) + "%");
}

// Whether a WHERE clause tests the words (by the GIN index of bigrams) or leaves them to the
// caller.
enum class Words { by_index, none };

// The search's WHERE clause and its parameters.
std::string search_where(const TicketSearch& query, Words words, std::vector<pg::Param>& params) {
  const auto param = parameter_adder(params);
  std::string where = " WHERE true";
  if (!query.number.empty())
    where += " AND replace(number, '-', '') LIKE " + param(like_escaped(query.number) + "%");
  if (!query.check_code.empty()) where += " AND check_code = " + param(query.check_code);
  if (phone_suffix(query)) {
    where += " AND right(phone, 4) = " + param(query.phone);
  } else if (!query.phone.empty()) {
    where += " AND phone = " + param(query.phone);
  }
  if (!query.name.empty()) where += " AND customer_name LIKE " + param(like_escaped(query.name) + "%");
  const std::string text = kSearchText;
  for (const std::string& word : words == Words::none ? std::vector<std::string>{} : query.words) {
    where += " AND desk_text_bigrams" + text + " @> desk_text_bigrams(" + param(word) + ")";
    if (utf8::code_points(word).value_or(0) != 2) where += word_like_sql(word, param);
  }
  where += store::search_state_and_scope_sql(query, [&](const std::string& value) { return param(value); });
  if (query.filed_from) where += " AND filed_at >= " + param(pg::instant_param(*query.filed_from));
  if (query.filed_before) where += " AND filed_at < " + param(pg::instant_param(*query.filed_before));
  return where;
}

// How the planner may read the matches for the count and for reading every match. With words,
// only through the indexes as bitmaps (the words' GIN index, ANDed with the others'), by one
// process: left to itself it walked tickets_by_filed_at backwards for ORDER BY ... LIMIT,
// expecting the matches spread evenly, and for two words in 0.2% of 1,000,000 tickets, most
// of them old, read the whole index in 2.8 s, where a bitmap and a sort take 39-48 ms (two
// parallel workers: 67 ms). A sequential scan would compute the bigrams of every row. The
// walk that suits many recent matches is walked_page's, bounded.
Result<void> plan_reading_every_match(pg::Session& session, const TicketSearch& query) {
  const bool words = !query.words.empty();
  const std::string scans = words ? "off" : "DEFAULT";
  TRY_VOID(session.exec("SET LOCAL enable_indexscan = " + scans + "; SET LOCAL enable_seqscan = " + scans +
                        "; SET LOCAL max_parallel_workers_per_gather = " + (words ? "0" : "DEFAULT")));
  return {};
}

// The page along filed_at (search_walks_filing_order), or nothing when the walk's rows did
// not fill it: the newest walk_rows tickets in scope (a subquery over tickets_by_filed_at),
// those the words' LIKE keeps, the page of them. The planner knows the subquery's order, so
// the outer ORDER BY adds no sort, and the Limit stops the walk at the page (EXPLAIN ANALYZE:
// 4,921 rows read for a word in 1% of 1,000,000 tickets, 14 ms). Without a sequential scan
// to choose, the planner walks the index backwards; alone, since parallel workers each walk
// ahead of the page (measured: 85,000 rows read for 50 matches, against 5,000 by one walker).
Result<std::vector<Ticket>> walked_page(pg::Session& session, const TicketSearch& query) {
  TRY_VOID(
      session.exec("SET LOCAL enable_indexscan = on; SET LOCAL enable_seqscan = off; "
                   "SET LOCAL max_parallel_workers_per_gather = 0"));
  std::vector<pg::Param> params;
  const std::string scope = search_where(query, Words::none, params);
  std::string words = " WHERE true";
  for (const std::string& word : query.words) words += word_like_sql(word, parameter_adder(params));
  for (const std::int64_t value :
       {query.walk_rows, static_cast<std::int64_t>(query.limit), static_cast<std::int64_t>(query.offset)})
    params.emplace_back(std::to_string(value));
  const auto at = [&params](std::size_t from_end) { return "$" + std::to_string(params.size() - from_end); };
  const std::string newest_first = " ORDER BY filed_at DESC, id DESC";
  TRY_ASSIGN(const pg::Rows rows,
             session.exec("SELECT " + pg::ticket_columns() + " FROM (SELECT * FROM tickets" + scope +
                              newest_first + " LIMIT " + at(2) + ") AS tickets" + words + newest_first +
                              " LIMIT " + at(1) + " OFFSET " + at(0),
                          params));
  TRY_ASSIGN(std::vector<Ticket> tickets, pg::read_tickets(rows));
  if (static_cast<int>(tickets.size()) < query.limit) tickets.clear();
  TRY_VOID(plan_reading_every_match(session, query));
  return tickets;
}

}  // namespace

Result<TicketSearchPage> PgDeskStore::search(const TicketSearch& query) {
  if (query.departments_in && query.departments_in->empty()) return TicketSearchPage{};
  std::vector<pg::Param> params;
  const std::string where = search_where(query, Words::by_index, params);
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin_snapshot(session));
  TRY_VOID(plan_reading_every_match(session, query));
  TicketSearchPage page;
  TRY_ASSIGN(const pg::Rows counted, session.exec(store::capped_count_sql("FROM tickets" + where), params));
  TRY_ASSIGN(const std::int64_t count, counted.int64(0, 0));
  set_capped_total(page, count);
  if (page.may_reach(query.offset) && search_walks_filing_order(query, page.more)) {
    TRY_ASSIGN(page.tickets, walked_page(session, query));
  }
  if (page.may_reach(query.offset) && page.tickets.empty()) {
    params.emplace_back(std::to_string(query.limit));
    params.emplace_back(std::to_string(query.offset));
    const std::string limit = "$" + std::to_string(params.size() - 1);
    const std::string offset = "$" + std::to_string(params.size());
    TRY_ASSIGN(const pg::Rows rows,
               session.exec("SELECT " + pg::ticket_columns() + " FROM tickets" + where +
                                " ORDER BY filed_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset,
                            params));
    TRY_ASSIGN(page.tickets, pg::read_tickets(rows));
  }
  TRY_VOID(transaction.commit());
  return page;
}

}  // namespace complaint
