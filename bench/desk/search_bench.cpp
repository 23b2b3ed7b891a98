// Ticket search (issue 15) over a year of 1,000,000 tickets on each desk store: the console's
// search (DeskRepository::search: the count and the first page of 50, newest first, as a
// supervisor) by a phone's last four digits and by a two-character Chinese word, p50 and p99
// over many runs with a different suffix or word each time. Anchor, in the same run on the
// same store: the same question as a full scan (content LIKE '%word%', phone LIKE '%1234'),
// the way it would be answered without the search indexes.
//
// The year is bench/desk/ticket_year.h's (its cached SQLite file is copied, never opened in
// place), then varied so that a search has something to tell apart: phones spread over the
// 10,000 suffixes (about 80 tickets each), names from 20 surnames, and a complaint text of
// three parts: one of 25 places (each in 4% of tickets: 空调 is one), one of 40 problems
// (2.5%), and a note with one of 100 two-character words (1% each). The varied SQLite file is
// cached as $REPORT_BENCH_DIR/search-bench-N.db; PostgreSQL is a private server filled the
// same way. Usage: build/bin/search_bench [--tickets N] [--stores sqlite,postgres] [--runs N]
//                                        [--quiet-file PATH] [--hold-seconds N]
// --quiet-file: the file is made while a store is measured (not while its year is built) and
// removed after, for a shared machine whose other users pause their builds while it exists.
// --hold-seconds: after the runs, PostgreSQL's connection string is printed and the server
// kept that long, to look at the plans (EXPLAIN) on the same year.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "bench/desk/ticket_year.h"
#include "core/sync/ticket_search.h"
#include "drivers/postgres/desk_stores.h"
#include "tests/desk/postgres_server.h"

namespace complaint {
namespace {

using bench::fail;
using bench::must;

const std::vector<std::string> kPlaces = {
    "营业厅",   "自助机",   "手机银行", "信用卡", "理财经理", "大堂经理", "柜台",   "网点门口", "停车场",
    "客服热线", "存折",     "贷款合同", "取号机", "等候区",   "空调",     "饮水机", "打印机",   "密码器",
    "网上银行", "转账限额", "外币兑换", "社保卡", "公积金",   "工资卡",   "保险箱"};
const std::vector<std::string> kProblems = {
    "态度冷漠",   "排队太久",   "无人解释",     "系统故障",     "多收费用", "强行推销",     "反复填表",
    "拒绝办理",   "信息泄露",   "短信轰炸",     "额度被降",     "卡被冻结", "利息算错",     "承诺未兑现",
    "电话打不通", "网页打不开", "验证码收不到", "人脸识别失败", "转账延迟", "到账金额不对", "环境脏乱",
    "设备损坏",   "资料丢失",   "签字被代替",   "宣传不实",     "收益不符", "提前还款受阻", "账单错误",
    "积分清零",   "年费争议",   "挂失太慢",     "密码被锁",     "叫号混乱", "插队无人管",   "保安无礼",
    "广播太吵",   "座位太少",   "没有热水",     "厕所关闭",     "停车收费"};
// 100 notes: a two-character word each, of characters found nowhere else in the text.
const std::string kFirst[] = {"甄", "栾", "翟", "蔺", "鄢", "隗", "阚", "濮", "殳", "郗"};
const std::string kSecond[] = {"琰", "玏", "翀", "珝", "旻", "昶", "玹", "晞", "珣", "璟"};

std::string note_word(int i) {
  return kFirst[i % 10] + kSecond[i / 10 % 10];
}

std::string array_sql(const std::vector<std::string>& items, bool postgres) {
  std::string out = postgres ? "(ARRAY[" : "json_array(";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", '" : "'") + items[i] + "'";
  return out + (postgres ? "])" : ")");
}

// The UPDATE that varies the year's copied tickets (anonymous ones keep no phone or name).
std::string vary_sql(bool postgres) {
  std::vector<std::string> notes;
  for (int i = 0; i < 100; ++i) notes.push_back(note_word(i));
  const std::vector<std::string> surnames = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴",
                                             "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"};
  const auto pick = [postgres](const std::vector<std::string>& items, const std::string& index) {
    if (postgres)
      return array_sql(items, true) + "[1 + (" + index + ") % " + std::to_string(items.size()) + "]";
    return "json_extract(" + array_sql(items, false) + ", '$[' || ((" + index + ") % " +
           std::to_string(items.size()) + ") || ']')";
  };
  const std::string digits = postgres ? "lpad(((id * 7919) % 1000000000)::text, 9, '0')"
                                      : "substr('000000000' || ((id * 7919) % 1000000000), -9)";
  return "UPDATE tickets SET content = " + pick(kPlaces, "id") + " || '的' || " + pick(kProblems, "id / 25") +
         " || '。（备注：' || " + pick(notes, "id * 37") +
         " || '）', phone = CASE WHEN anonymous THEN '' ELSE '13' || " + digits +
         " END, customer_name = CASE WHEN anonymous THEN '' ELSE " + pick(surnames, "id") + " || '先生' END";
}

void sqlite_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) fail("opening " + path);
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string why = message ? message : "?";
    sqlite3_free(message);
    sqlite3_close(db);
    fail("sqlite: " + why);
  }
  sqlite3_close(db);
}

// The varied SQLite year, built once from a copy of ticket_year's cached file.
std::string sqlite_search_year(int tickets, const Config& config, const Taxonomy& taxonomy,
                               const WorkCalendar& calendar) {
  const char* dir = std::getenv("REPORT_BENCH_DIR");
  const std::string path =
      std::string(dir != nullptr ? dir : "/tmp") + "/search-bench-" + std::to_string(tickets) + ".db";
  if (std::filesystem::exists(path)) return path;
  const std::string year = bench::sqlite_year(tickets, config, taxonomy, calendar);
  const std::string building = path + ".building";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(building + suffix);
  std::cerr << "search bench: copying " << year << "\n";
  std::filesystem::copy_file(year, building);
  std::cerr << "search bench: varying the tickets\n";
  // Before the search schema's triggers exist (the year is at an older desk schema) when it can
  // be; with them, the text index follows.
  sqlite_exec(building, "BEGIN; " + vary_sql(false) + "; COMMIT;");
  std::cerr << "search bench: migrating (the search indexes)\n";
  { DeskStores stores = must(open_desk_stores(building), "open sqlite"); }
  sqlite_exec(building, "ANALYZE");
  std::filesystem::rename(building, path);
  return path;
}

void fill_postgres(testing::PostgresServer& server, const std::string& conninfo, int tickets,
                   const Config& config, const Taxonomy& taxonomy, const WorkCalendar& calendar) {
  bench::fill_postgres_year(server, conninfo, tickets, config, taxonomy, calendar);
  std::cerr << "search bench: varying the tickets (postgres)\n";
  // Without the search indexes (rebuilt in one go after, as on a desk's first start after an upgrade).
  if (!server.run_sql(conninfo,
                      "DROP INDEX tickets_by_text_bigrams, tickets_by_plain_number, tickets_by_phone_suffix, "
                      "tickets_by_customer_name; " +
                          vary_sql(true)))
    fail("postgres: varying the year failed");
  if (!server.run_sql(conninfo, "VACUUM FULL tickets")) fail("postgres: VACUUM FULL failed");
  { DeskStores stores = must(open_desk_stores(conninfo), "open postgres"); }
  if (!server.run_sql(conninfo, "VACUUM ANALYZE")) fail("postgres: VACUUM ANALYZE failed");
}

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  const auto at = [&ms](double q) {
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
  };
  return {at(0.50), at(0.99), ms.back()};
}

double since_ms(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

void print(const std::string& store, const std::string& name, const Percentiles& p, int runs,
           const std::string& what) {
  std::cout << std::left << std::setw(10) << store << std::setw(24) << name << std::right << std::fixed
            << std::setprecision(1) << "p50 " << std::setw(7) << p.p50 << " ms  p99 " << std::setw(7) << p.p99
            << " ms  max " << std::setw(7) << p.max << " ms  (" << runs << " runs)  " << what << std::endl;
}

// `count_sql` with one text parameter: the anchor's full scan (a count), timed.
using ScanCount = std::function<std::int64_t(const std::string& pattern)>;

// While alive, `path` exists (empty path: nothing).
class QuietFile {
 public:
  explicit QuietFile(std::string path) : m_path(std::move(path)) {
    if (m_path.empty()) return;
    std::ofstream(m_path) << "search_bench\n";
    std::this_thread::sleep_for(std::chrono::seconds{20});  // builds under way reach a pause
  }
  ~QuietFile() {
    if (!m_path.empty()) std::filesystem::remove(m_path);
  }
  QuietFile(const QuietFile&) = delete;
  QuietFile& operator=(const QuietFile&) = delete;

 private:
  std::string m_path;
};

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

void run_store(const std::string& name, DeskRepository& desk, const ScanCount& scan, int runs) {
  const auto search_runs = [&](const std::string& label, const std::function<TicketSearch(int)>& make) {
    std::vector<double> ms;
    std::int64_t matched = 0;
    int capped = 0;
    for (int i = 0; i < runs; ++i) {
      TicketSearch search = make(i);
      const auto started = std::chrono::steady_clock::now();
      const TicketSearchPage page = must(desk.search(search), "search");
      ms.push_back(since_ms(started));
      matched += page.total;
      capped += page.more ? 1 : 0;
      if (page.total > 0 && page.tickets.empty()) fail("a search counted tickets but listed none");
    }
    print(name, label, percentiles(ms), runs,
          "matches per search: " + std::string(capped ? "more than " : "") + std::to_string(matched / runs) +
              (capped && capped < runs ? " (" + std::to_string(capped) + " capped)" : ""));
  };
  const auto scan_runs = [&](const std::string& label, const std::function<std::string(int)>& pattern,
                             int count) {
    std::vector<double> ms;
    std::int64_t matched = 0;
    for (int i = 0; i < count; ++i) {
      const auto started = std::chrono::steady_clock::now();
      matched += scan(pattern(i));
      ms.push_back(since_ms(started));
    }
    print(name, label, percentiles(ms), count, "matches per scan: " + std::to_string(matched / count));
  };
  const auto suffix = [](int i) {
    char text[8];
    std::snprintf(text, sizeof text, "%04d", (i * 7703 + 1234) % 10000);
    return std::string(text);
  };
  search_runs("phone_last4", [&](int i) {
    TicketSearch search;
    search.phone = suffix(i);
    return search;
  });
  search_runs("word2_1pct", [](int i) {
    TicketSearch search;
    search.words = {note_word(i * 7 % 100)};
    return search;
  });
  search_runs("word2_4pct", [](int i) {
    TicketSearch search;
    search.words = {i % 2 ? "空调" : "柜台"};
    return search;
  });
  // A place's and a problem's first two characters: about 0.1% of the tickets, past the
  // count's cap but too sparse for a walk of 20,000 tickets to fill a page.
  search_runs("two_words_0.1pct", [](int i) {
    const auto first_two = [](const std::string& text) { return text.substr(0, 6); };  // 2 CJK in UTF-8
    TicketSearch search;
    search.words = {first_two(kPlaces[i % kPlaces.size()]), first_two(kProblems[i * 7 % kProblems.size()])};
    return search;
  });
  search_runs("word2_4pct_and_last4", [&](int i) {
    TicketSearch search;
    search.words = {"空调"};
    search.phone = suffix(i);
    return search;
  });
  const int scans = std::max(3, runs / 20);
  scan_runs(
      "anchor_scan_last4", [&](int i) { return "phone:%" + suffix(i); }, scans);
  scan_runs(
      "anchor_scan_word2", [](int i) { return "content:%" + note_word(i * 7 % 100) + "%"; }, scans);
}

ScanCount sqlite_scan(const std::string& path) {
  return [path](const std::string& pattern) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    const std::string column = pattern.substr(0, pattern.find(':'));
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, ("SELECT count(*) FROM tickets NOT INDEXED WHERE " + column + " LIKE ?").c_str(),
                       -1, &statement, nullptr);
    const std::string like = pattern.substr(column.size() + 1);
    sqlite3_bind_text(statement, 1, like.c_str(), -1, SQLITE_TRANSIENT);
    std::int64_t count = 0;
    if (sqlite3_step(statement) == SQLITE_ROW) count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return count;
  };
}

ScanCount postgres_scan(testing::PostgresServer& server, const std::string& conninfo) {
  return [&server, conninfo](const std::string& pattern) {
    const std::string column = pattern.substr(0, pattern.find(':'));
    const std::string like = pattern.substr(column.size() + 1);
    // psql's own start is in the time; it is a few ms against a scan of a second or more.
    const auto rows = server.query(conninfo,
                                   "SET enable_indexscan = off; SET enable_bitmapscan = off; "
                                   "SELECT count(*) FROM tickets WHERE " +
                                       column + " LIKE '" + like + "'");
    if (!rows) fail("postgres: the anchor's scan failed");
    const std::string text = rows->substr(rows->rfind('\n', rows->size() - 2) + 1);
    return static_cast<std::int64_t>(std::atoll(text.c_str()));
  };
}

}  // namespace
}  // namespace complaint

int main(int argc, char** argv) {
  using namespace complaint;
  int tickets = 1000000;
  int runs = 200;
  std::string stores = "sqlite,postgres";
  std::string quiet_file;
  int hold_seconds = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tickets" && i + 1 < argc) {
      tickets = std::atoi(argv[++i]);
    } else if (arg == "--stores" && i + 1 < argc) {
      stores = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::atoi(argv[++i]);
    } else if (arg == "--quiet-file" && i + 1 < argc) {
      quiet_file = argv[++i];
    } else if (arg == "--hold-seconds" && i + 1 < argc) {
      hold_seconds = std::atoi(argv[++i]);
    } else {
      fail(
          "usage: search_bench [--tickets N] [--stores sqlite,postgres] [--runs N] [--quiet-file PATH] "
          "[--hold-seconds N]");
    }
  }
  if (tickets < bench::kTemplateTickets || runs < 1) fail("--tickets must be at least 60, --runs at least 1");
  ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 0);
  const Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(config.calendar), "calendar");
  if (stores.find("sqlite") != std::string::npos) {
    const std::string path = sqlite_search_year(tickets, config, taxonomy, calendar);
    DeskStores opened = must(open_desk_stores(path), "open sqlite");
    const QuietFile quiet(quiet_file);
    std::cout << "sqlite: load average before the runs " << load_average() << std::endl;
    run_store("sqlite", opened.desk(), sqlite_scan(path), runs);
  }
  if (stores.find("postgres") != std::string::npos) {
    testing::PostgresServer server;
    if (!server.running()) fail("no PostgreSQL server: " + server.why_not());
    const std::string conninfo = server.create_database("search_bench");
    fill_postgres(server, conninfo, tickets, config, taxonomy, calendar);
    DeskStores opened = must(open_desk_stores(conninfo), "open postgres");
    {
      const QuietFile quiet(quiet_file);  // gone before the hold: looking at plans needs no quiet
      std::cout << "postgres: load average before the runs " << load_average() << std::endl;
      run_store("postgres", opened.desk(), postgres_scan(server, conninfo), runs);
    }
    if (hold_seconds > 0) {
      std::cout << "postgres: held for " << hold_seconds << " s at " << conninfo << std::endl;
      std::this_thread::sleep_for(std::chrono::seconds{hold_seconds});
    }
  }
  return 0;
}
