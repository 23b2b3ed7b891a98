// Durability under concurrency and crashes: two processes filing at once get distinct,
// gapless numbers; a filing loop SIGKILLed at random moments never loses a number it
// printed (a number is printed only after its commit) and leaves a sound database.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <random>
#include <set>
#include <thread>

#include "core/domain/ticket_number.h"
#include "ctl_fixture.h"

namespace complaint::testing {
namespace {

std::set<std::int64_t> sequences_of(const std::vector<std::string>& numbers) {
  std::set<std::int64_t> sequences;
  for (const std::string& number : numbers) {
    auto parts = parse_ticket_number(number);
    EXPECT_TRUE(parts.ok()) << number;
    if (parts.ok()) sequences.insert(parts->sequence);
  }
  return sequences;
}

TEST_F(CtlTest, TwoProcessesFilingFiveHundredEachGetDistinctGaplessNumbers) {
  ProcessResult a, b;
  std::thread first([&] { a = run_process({FILING_LOOP_PATH, m_db, "500", "A"}); });
  std::thread second([&] { b = run_process({FILING_LOOP_PATH, m_db, "500", "B"}); });
  first.join();
  second.join();
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  std::vector<std::string> numbers = split_lines(a.out);
  const auto b_numbers = split_lines(b.out);
  ASSERT_EQ(numbers.size(), 500u);
  ASSERT_EQ(b_numbers.size(), 500u);
  numbers.insert(numbers.end(), b_numbers.begin(), b_numbers.end());
  EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), 1000u);
  // Both filers ran on one local day unless the test straddled midnight; group by date.
  std::map<std::string, std::vector<std::string>> by_day;
  for (const std::string& number : numbers) by_day[parse_ticket_number(number)->local_date].push_back(number);
  for (const auto& [day, day_numbers] : by_day) {
    const auto sequences = sequences_of(day_numbers);
    ASSERT_EQ(sequences.size(), day_numbers.size());
    EXPECT_EQ(*sequences.begin(), 1);
    EXPECT_EQ(*sequences.rbegin(), static_cast<std::int64_t>(day_numbers.size())) << "gap on " << day;
  }
  EXPECT_EQ(counts().tickets, 1000);
}

// Starts the loop with its stdout in a file; once it has printed `wait_for_lines` numbers
// (0: at once), kills it after `delay`; returns what it printed. Waiting for printed lines
// keeps the test meaningful on a loaded machine, where a fixed delay may end every round
// before the first ticket is filed.
std::vector<std::string> run_and_kill(const std::string& db, const std::string& out_path,
                                      std::size_t wait_for_lines, std::chrono::microseconds delay) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    execl(FILING_LOOP_PATH, FILING_LOOP_PATH, db.c_str(), "0", "kill", static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (wait_for_lines > 0 && std::chrono::steady_clock::now() < give_up &&
         split_lines(read_file(out_path)).size() < wait_for_lines)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(delay);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  return split_lines(read_file(out_path));
}

TEST_F(CtlTest, KilledTwoHundredTimesLosesNothingItPrinted) {
  std::mt19937 random(20261122);
  // Random moments spread over start-up (open, migrate) and steady filing.
  // Even rounds: a random moment from the start (open, migrate, first filing); odd rounds: a
  // random moment after the loop has filed a ticket (steady filing).
  std::uniform_int_distribution<int> delay_us(0, 60000);
  std::set<std::string> printed;
  for (int round = 0; round < 200; ++round) {
    const std::size_t wait_for_lines = round % 2 == 0 ? 0 : 1;
    const auto numbers =
        run_and_kill(m_db, m_dir + "/out", wait_for_lines, std::chrono::microseconds(delay_us(random)));
    printed.insert(numbers.begin(), numbers.end());
    std::vector<std::string> check_args = calendar_options();
    check_args.insert(check_args.end(), {"--json", "check"});
    const ProcessResult check = ctl(check_args);
    ASSERT_EQ(check.exit_code, 0) << "round " << round << ": " << check.err;
  }
  auto store = SqliteTicketStore::open(m_db);
  ASSERT_TRUE(store.ok());
  for (const std::string& number : printed) {
    auto found = (*store)->find(number);
    ASSERT_TRUE(found.ok());
    EXPECT_TRUE(found->has_value()) << "printed but lost: " << number;
  }
  // The loop must actually have filed across the rounds, or this test proves nothing: at
  // least one ticket in each of the hundred rounds that waited for one.
  EXPECT_GE(printed.size(), 100u);
  const auto total = (*store)->count_tickets();
  ASSERT_TRUE(total.ok());
  EXPECT_GE(*total, static_cast<std::int64_t>(printed.size()));
}

}  // namespace
}  // namespace complaint::testing
