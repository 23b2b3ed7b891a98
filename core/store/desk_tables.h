// The desk's tables DeskRepository::count_rows may count (operators' checks and the tests'),
// one list for both stores: a table the desk schema gains is added here once.
#pragma once

namespace complaint::store {

inline constexpr const char* k_countable_desk_tables[] = {"tickets",
                                                          "events",
                                                          "outbox",
                                                          "kiosks",
                                                          "sync_nonces",
                                                          "synced_items",
                                                          "staff_users",
                                                          "notices",
                                                          "notice_deliveries",
                                                          "help_requests",
                                                          "ticket_attachments"};

}  // namespace complaint::store
