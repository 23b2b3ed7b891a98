// The check code stations' statements (see check_code_stations_sql.h).
#include "core/store/check_code_stations_sql.h"

namespace complaint::store {

std::string check_code_station_claim_sql(SqlDialect dialect) {
  const bool pg = dialect == SqlDialect::postgres;
  return std::string("INSERT INTO check_code_stations (site_code, station, kiosk_id) VALUES ") +
         (pg ? "($1, $2, $3)" : "(:site, :station, :kiosk)") + " ON CONFLICT (site_code, station) DO NOTHING";
}

std::string check_code_station_holder_sql(SqlDialect dialect) {
  const bool pg = dialect == SqlDialect::postgres;
  return std::string("SELECT kiosk_id FROM check_code_stations WHERE site_code = ") +
         (pg ? "$1 AND station = $2" : ":site AND station = :station");
}

}  // namespace complaint::store
