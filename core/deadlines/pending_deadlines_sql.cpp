// SQL spellings of the pending-deadline table; see pending_deadlines_sql.h.
#include "core/deadlines/pending_deadlines_sql.h"

#include "core/deadlines/pending_deadlines.h"

namespace complaint {
namespace {

// "status IN ('filed', 'forwarded') AND first_contact_at IS NULL": the rule's clock runs.
std::string runs_sql(const PendingRule& rule) {
  std::string sql = "status IN (";
  for (std::size_t i = 0; i < rule.states.size(); ++i) {
    sql += (i ? ", '" : "'") + std::string(to_string(rule.states[i])) + "'";
  }
  sql += ")";
  if (rule.until_first_contact) sql += " AND first_contact_at IS NULL";
  return sql;
}

// The rule's clock while it runs, else NULL.
std::string pending_value_sql(const PendingRule& rule) {
  return "CASE WHEN " + runs_sql(rule) + " THEN " + rule.name + " END";
}

}  // namespace

std::string overdue_sql(std::string_view at) {
  std::string sql = "(";
  for (const PendingRule& rule : pending_rules()) {
    if (sql.size() > 1) sql += " OR ";
    sql += "(" + runs_sql(rule) + " AND " + rule.name + " < " + std::string(at) + ")";
  }
  return sql + ")";
}

std::string next_deadline_sql(SqlDialect dialect) {
  // SQLite's min() of several arguments is NULL if any is: each absent clock becomes the
  // far-future sentinel instead. PostgreSQL's LEAST ignores NULLs by itself.
  std::string sql = dialect == SqlDialect::sqlite ? "min(" : "LEAST(";
  bool first = true;
  for (const PendingRule& rule : pending_rules()) {
    if (!first) sql += ", ";
    first = false;
    if (dialect == SqlDialect::sqlite) {
      sql += "coalesce(" + pending_value_sql(rule) + ", " + std::string(kSqliteNoDeadline) + ")";
    } else {
      sql += pending_value_sql(rule);
    }
  }
  return sql + ")";
}

}  // namespace complaint
