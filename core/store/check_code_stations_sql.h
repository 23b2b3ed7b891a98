// The desk's register of check code stations (core/domain/check_code.h): which kiosk of a site
// codes its tickets under which station, claimed by the first coded ticket of it that reaches
// the desk. A second kiosk claiming a station of the site is refused (desk_sync_batch.cpp), so
// two kiosks set to one [kiosk] check_code_station are found at their first sync, not when
// their codes meet. Both engines spell it alike: SQLite's desk schema version 15 and the
// PostgreSQL schema (IF NOT EXISTS: an upgrade finds what is already there, drivers/postgres/pg_schema.h).
#pragma once

#include <string>

#include "core/deadlines/pending_deadlines_sql.h"

namespace complaint::store {

inline constexpr const char* kCheckCodeStationsTableSql = R"sql(
CREATE TABLE IF NOT EXISTS check_code_stations (
  site_code TEXT NOT NULL,
  station INTEGER NOT NULL CHECK (station BETWEEN 1 AND 31),
  kiosk_id TEXT NOT NULL,
  PRIMARY KEY (site_code, station)
);
)sql";

// Claims (site, station) for a kiosk unless it is claimed; parameters site, station, kiosk.
std::string check_code_station_claim_sql(SqlDialect dialect);
// The kiosk holding (site, station); parameters site, station.
std::string check_code_station_holder_sql(SqlDialect dialect);

}  // namespace complaint::store
