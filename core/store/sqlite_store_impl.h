// SqliteTicketStore::Impl: the writing connection and the mutex that serialises its use, and
// a pool of reading connections for the hot lookups (find, events) that the desk's tracking
// page makes from many threads. Private to core/store.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store.h"

namespace complaint {

namespace store {

// A connection of its own for lookups, with its prepared statements. In WAL mode a reader
// sees every committed transaction and never waits for the writer, so lookups from many
// threads do not queue behind one mutex (a preempted holder stalled them all: the tracking
// page's p99 was 60 ms at 32 connections on 2 cores with one shared connection).
struct Reader {
  Reader() = default;
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  ~Reader() {
    statements.clear();
    sqlite3_close_v2(db);
  }
  sqlite3* db = nullptr;
  StatementCache statements;
};

class ReaderPool;

// A reader lent to one thread; returned to the pool when the lease ends.
class ReaderLease {
 public:
  ReaderLease(ReaderPool& pool, std::unique_ptr<Reader> reader)
      : m_pool(&pool), m_reader(std::move(reader)) {}
  ReaderLease(ReaderLease&&) noexcept = default;
  ReaderLease& operator=(ReaderLease&&) noexcept = default;
  ~ReaderLease();
  Reader* operator->() const { return m_reader.get(); }

 private:
  ReaderPool* m_pool;
  std::unique_ptr<Reader> m_reader;
};

// Idle readers; a new connection is opened when every one is lent out, so the pool grows to
// the number of threads that read at once and no more.
class ReaderPool {
 public:
  Result<ReaderLease> lease(const std::string& path);
  void give_back(std::unique_ptr<Reader> reader);
  void close_all();

 private:
  std::mutex m_mutex;
  std::vector<std::unique_ptr<Reader>> m_idle;
};

}  // namespace store

struct SqliteTicketStore::Impl {
  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  // close_v2: a statement leaked by a bug must not keep the file open behind our back.
  ~Impl() {
    m_readers.close_all();
    sqlite3_close_v2(m_db);
  }

  // One connection is not safe for concurrent use by two threads in our (NOMUTEX) mode,
  // and a transaction must not interleave with another thread's statements: every
  // public method holds m_mutex for its whole duration.
  std::mutex m_mutex;
  sqlite3* m_db = nullptr;
  std::string m_path;
  int m_schema_version = 0;
  // A desk file (it has the notification outbox): ticket writes add their notices.
  bool m_writes_notices = false;
  store::ReaderPool m_readers;  // find() and events(): the tracking page's reads
};

namespace store {
// apply's writes inside the caller's write transaction (the ticket at its read revision, the
// event, its outbox row and notices): the stored ticket, or conflict (stale) / not_found.
// Shared with the attachments (sqlite_attachments.cpp), whose row is added with its event.
Result<Ticket> store_applied(SqliteTicketStore::Impl& impl, const Ticket& updated, const TicketEvent& event);
}  // namespace store

}  // namespace complaint
