// The console queue's "next pending deadline" of a ticket row as one SQL expression, shared
// by the desk schema's expression index and the queue query (SQLite uses an expression
// index only when the query spells the same expression). Mirrors next_deadline() in
// desk/console_queue.cpp; "nothing due" is the far-future sentinel, so it sorts last.
#pragma once

#define COMPLAINT_DESK_NO_DEADLINE "9000000000000000000"
#define COMPLAINT_DESK_NEXT_DEADLINE_SQL                                                                  \
  "(CASE WHEN status IN ('filed', 'forwarded', 'in_progress') THEN min("                                  \
  "CASE WHEN status = 'filed' THEN coalesce(forward_by, " COMPLAINT_DESK_NO_DEADLINE                      \
  ") ELSE " COMPLAINT_DESK_NO_DEADLINE                                                                    \
  " END, "                                                                                                \
  "CASE WHEN anonymous = 0 AND first_contact_at IS NULL THEN "                                            \
  "coalesce(contact_by, " COMPLAINT_DESK_NO_DEADLINE ") ELSE " COMPLAINT_DESK_NO_DEADLINE                 \
  " END, "                                                                                                \
  "coalesce(resolve_by, " COMPLAINT_DESK_NO_DEADLINE "), coalesce(answer_by, " COMPLAINT_DESK_NO_DEADLINE \
  ")) WHEN status = 'replied' THEN coalesce(callback_by, " COMPLAINT_DESK_NO_DEADLINE                     \
  ") ELSE " COMPLAINT_DESK_NO_DEADLINE " END)"
#define COMPLAINT_DESK_OPEN_SQL "status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back')"
