// PgDeskStore::search: ticket search in SQL over the indexes pg_ticket_store.cpp's schema
// makes: the plain number and the name as LIKE prefixes (text_pattern_ops), the phone's last
// four digits, and each word by its two-character pieces in the GIN index on
// desk_text_bigrams, checked with LIKE (the pieces can be present apart). The scope is part
// of the WHERE, so nothing outside it is counted.
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

}  // namespace

Result<TicketSearchPage> PgDeskStore::search(const TicketSearch& query) {
  if (query.departments_in && query.departments_in->empty()) return TicketSearchPage{};
  std::vector<pg::Param> params;
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
  for (const std::string& word : query.words) {
    const std::string text = std::string(kSearchText);
    where += " AND desk_text_bigrams" + text + " @> desk_text_bigrams(" + param(word) + ") AND lower" + text +
             " LIKE " + param("%" + like_escaped(word) + "%");
  }
  where += store::search_state_and_scope_sql(query, [&](const std::string& value) { return param(value); });
  if (query.filed_from) where += " AND filed_at >= " + param(pg::instant_param(*query.filed_from));
  if (query.filed_before) where += " AND filed_at < " + param(pg::instant_param(*query.filed_before));

  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin_snapshot(session));
  TicketSearchPage page;
  TRY_ASSIGN(const pg::Rows counted, session.exec("SELECT count(*) FROM tickets" + where, params));
  TRY_ASSIGN(page.total, counted.int64(0, 0));
  if (page.total > 0 && query.offset < page.total) {
    std::vector<pg::Param> row_params = params;
    row_params.emplace_back(std::to_string(query.limit));
    row_params.emplace_back(std::to_string(query.offset));
    const std::string limit = "$" + std::to_string(row_params.size() - 1);
    const std::string offset = "$" + std::to_string(row_params.size());
    TRY_ASSIGN(const pg::Rows rows,
               session.exec("SELECT " + pg::ticket_columns() + " FROM tickets" + where +
                                " ORDER BY filed_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset,
                            row_params));
    TRY_ASSIGN(page.tickets, pg::read_tickets(rows));
  }
  TRY_VOID(transaction.commit());
  return page;
}

}  // namespace complaint
