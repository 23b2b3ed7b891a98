// PgDeskStore::search: ticket search in SQL over the indexes pg_ticket_store.cpp's schema
// makes: the plain number and the name as LIKE prefixes (text_pattern_ops), the phone's last
// four digits, and each word by its two-character pieces in the GIN index on
// desk_text_bigrams. The scope is part of the WHERE, so nothing outside it is counted.
//
// Measured over 1,000,000 tickets (bench/desk/search_bench.cpp, docs/BENCHMARKS.md): a word
// in 1% of them took 377 ms at p99 when every match was read twice (for the count and for the
// page), each checked again with LIKE. Now a two-character word is its one bigram, so the
// index's containment is exact and the count reads no row (the visibility map vouches for
// the pages); a longer word is still checked with LIKE, since its pieces can be apart. Many
// matches find their page by walking filed_at from the newest ticket
// (search_walks_filing_order) and testing LIKE alone on each row: the bigram function would
// be computed on every row walked.
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

// The search's WHERE clause and its parameters; `walk`: the words by LIKE alone, for a page
// found along filed_at.
std::string search_where(const TicketSearch& query, bool walk, std::vector<pg::Param>& params) {
  const auto param = [&params](pg::Param value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  std::string where = " WHERE true";
  if (!query.number.empty())
    where += " AND replace(number, '-', '') LIKE " + param(like_escaped(query.number) + "%");
  if (phone_suffix(query)) {
    where += " AND right(phone, 4) = " + param(query.phone);
  } else if (!query.phone.empty()) {
    where += " AND phone = " + param(query.phone);
  }
  if (!query.name.empty()) where += " AND customer_name LIKE " + param(like_escaped(query.name) + "%");
  const std::string text = kSearchText;
  for (const std::string& word : query.words) {
    if (!walk) where += " AND desk_text_bigrams" + text + " @> desk_text_bigrams(" + param(word) + ")";
    if (walk || utf8::code_points(word).value_or(0) != 2)
      where += " AND lower" + text + " LIKE " + param("%" + like_escaped(word) + "%");
  }
  where += store::search_state_and_scope_sql(query, [&](const std::string& value) { return param(value); });
  if (query.filed_from) where += " AND filed_at >= " + param(pg::instant_param(*query.filed_from));
  if (query.filed_before) where += " AND filed_at < " + param(pg::instant_param(*query.filed_before));
  return where;
}

}  // namespace

Result<TicketSearchPage> PgDeskStore::search(const TicketSearch& query) {
  if (query.departments_in && query.departments_in->empty()) return TicketSearchPage{};
  std::vector<pg::Param> params;
  const std::string where = search_where(query, false, params);
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin_snapshot(session));
  TicketSearchPage page;
  TRY_ASSIGN(const pg::Rows counted, session.exec("SELECT count(*) FROM tickets" + where, params));
  TRY_ASSIGN(page.total, counted.int64(0, 0));
  if (page.total > 0 && query.offset < page.total) {
    const bool walk = search_walks_filing_order(query, page.total);
    std::vector<pg::Param> row_params;
    const std::string row_where = walk ? search_where(query, true, row_params) : where;
    if (!walk) row_params = params;
    // Without a sequential scan to choose, the planner walks tickets_by_filed_at backwards;
    // alone, since parallel workers each walk ahead of the page (measured: 85,000 rows read
    // for 50 matches of a word in 1% of the tickets, against 5,000 by one walker).
    if (walk)
      TRY_VOID(session.exec("SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0"));
    row_params.emplace_back(std::to_string(query.limit));
    row_params.emplace_back(std::to_string(query.offset));
    const std::string limit = "$" + std::to_string(row_params.size() - 1);
    const std::string offset = "$" + std::to_string(row_params.size());
    TRY_ASSIGN(const pg::Rows rows,
               session.exec("SELECT " + pg::ticket_columns() + " FROM tickets" + row_where +
                                " ORDER BY filed_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset,
                            row_params));
    TRY_ASSIGN(page.tickets, pg::read_tickets(rows));
  }
  TRY_VOID(transaction.commit());
  return page;
}

}  // namespace complaint
