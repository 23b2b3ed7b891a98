// The console's shared state on both desk stores (SQLite and PostgreSQL): sessions survive a
// reopen and are stored only as hashes, the sign-in limit holds for parallel attempts made
// through two stores on one database (two desks), and every desk gets the same secret.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/desk_state/departments.h"
#include "core/desk_state/desk_secrets.h"
#include "core/desk_state/login_throttle.h"
#include "core/desk_state/staff_accounts.h"
#include "core/desk_state/staff_sessions.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;

class DeskStateStoreTest : public DeskStoreFixture {
 protected:
  static std::function<std::string()> random() {
    return [] {
      // 32 bytes whatever the count, as a real source gives: the process's tests share it.
      static std::atomic<int> next{0};
      const std::string count = std::to_string(++next);
      return count + std::string(32 - count.size(), 'a');
    };
  }
  static std::string hash(const std::string& id) { return "h:" + std::string(id.rbegin(), id.rend()); }
};

TEST_P(DeskStateStoreTest, SessionsOutliveAReopenExpireAndEnd) {
  StaffSessions sessions(*state, random(), hash, SessionLimits{30min, 2h});
  const StaffSession session = must(sessions.start("sam", Role::supervisor, kNow));
  reopen();  // the desk restarting
  StaffSessions after(*state, random(), hash, SessionLimits{30min, 2h});
  const auto live = must(after.touch(session.id, kNow + 20min));
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->user, "sam");
  EXPECT_EQ(live->role, Role::supervisor);
  EXPECT_EQ(live->csrf, session.csrf);
  EXPECT_TRUE(must(after.touch(session.id, kNow + 45min))) << "the touch at 20 min restarted the idle clock";
  EXPECT_FALSE(must(after.touch(session.id, kNow + 80min)));
  EXPECT_FALSE(must(after.touch(session.id, kNow + 45min))) << "an expired session is gone for good";

  const StaffSession other = must(after.start("ann", Role::dispatcher, kNow));
  ASSERT_TRUE(
      raw_sql("UPDATE staff_sessions SET user_name = 'ann2' WHERE id_hash = '" + hash(other.id) + "'"));
  EXPECT_EQ(must(after.touch(other.id, kNow))->user, "ann2") << "the row is keyed by the id's hash";
  must(after.end(other.id));
  EXPECT_FALSE(must(after.touch(other.id, kNow)));
}

TEST_P(DeskStateStoreTest, TheSignInLimitHoldsForParallelAttemptsThroughTwoDesks) {
  // A second desk: its own stores (connections) on the same database.
  DeskStores second = must(open_desk_stores(database()));
  LoginThrottle desk_a(*state, ThrottleLimits{5, 1000, 10min});
  LoginThrottle desk_b(second.state(), ThrottleLimits{5, 1000, 10min});
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      const auto attempt = (i % 2 == 0 ? desk_a : desk_b).admit("sam", "10.0.0." + std::to_string(i), kNow);
      if (attempt.ok() && attempt->admitted()) ++admitted;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(admitted.load(), 5);

  // The window passes on both desks; a success clears the account but not the address.
  const auto later = must(desk_b.admit("sam", "10.0.0.1", kNow + 10min));
  ASSERT_TRUE(later.admitted());
  must(desk_b.succeeded(later, "sam"));
  EXPECT_TRUE(must(desk_a.admit("sam", "10.0.0.1", kNow + 10min + 1s)).admitted());
}

TEST_P(DeskStateStoreTest, EveryDeskGetsTheSameSecretAndKeepsItAcrossRestarts) {
  DeskStores second = must(open_desk_stores(database()));
  DeskSecrets desk_a(*state, random());
  DeskSecrets desk_b(second.state(), random());
  const std::string secret = must(desk_b.get("tracking_form"));
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_EQ(must(desk_a.get("tracking_form")), secret);
  EXPECT_NE(must(desk_a.get("other")), secret);
  reopen();
  DeskSecrets restarted(*state, random());
  EXPECT_EQ(must(restarted.get("tracking_form")), secret);
}

// The department list (core/desk_state/departments.h) on both engines: added, renamed by id,
// kept over a reopen, refused when a field is not acceptable; and the routing check of
// forward/reassign against it and against the accounts.
TEST_P(DeskStateStoreTest, DepartmentsAreSavedRenamedAndCheckedBeforeRouting) {
  DepartmentList list(*state);
  EXPECT_TRUE(must(list.all()).empty());
  must(list.save(Department{"营业部", "营业部", "Business office"}));
  must(list.save(Department{"credit", "信贷部", "Credit"}));
  must(list.save(Department{"credit", "信贷管理部", "Credit management"}));  // a rename
  for (const Department& bad :
       {Department{"", "x", "x"}, Department{"a,b", "x", "x"}, Department{" a", "x", "x"},
        Department{"a", "", "x"}, Department{"a", "x", std::string(65, 'x')}, Department{"a\n", "x", "x"}}) {
    const auto refused = list.save(bad);
    ASSERT_FALSE(refused.ok()) << bad.id;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  }
  reopen();
  DepartmentList after(*state);
  const auto all = must(after.all());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], (Department{"credit", "信贷管理部", "Credit management"}));
  EXPECT_EQ(all[1].id, "营业部");
  EXPECT_EQ(department_name(all, "credit", "en"), "Credit management");
  EXPECT_EQ(department_name(all, "credit", "zh-CN"), "信贷管理部");

  StaffUser hank{0, "hank", Role::handler, "h", kNow};
  hank.departments = {"credit"};
  must(desk->add_user(hank));
  ActionRequest forward;
  forward.action = Action::forward;
  forward.department = "营业部";
  EXPECT_TRUE(check_routing(forward, after, *desk).ok());
  forward.department = "营业 部";
  EXPECT_EQ(check_routing(forward, after, *desk).error().key, "error.department.unknown");
  ActionRequest reassign;
  reassign.action = Action::reassign;
  reassign.department = "credit";
  reassign.assignee = "hank";
  EXPECT_TRUE(check_routing(reassign, after, *desk).ok());
  reassign.department = "营业部";  // hank is no handler of this department
  EXPECT_EQ(check_routing(reassign, after, *desk).error().key, "error.assignee.unknown");
  reassign.department = "credit";
  reassign.assignee = "nobody";
  EXPECT_EQ(check_routing(reassign, after, *desk).error().key, "error.assignee.unknown");
}

// Staff accounts (core/desk_state/staff_accounts.h) on both engines: role, departments,
// disabled flag and password changed; nobody disables or demotes their own account.
TEST_P(DeskStateStoreTest, AccountChangesAreStoredAndTheOwnAccountIsProtected) {
  DepartmentList list(*state);
  must(list.save(Department{"credit", "信贷部", "Credit"}));
  must(desk->add_user(StaffUser{0, "sam", Role::supervisor, "h1", kNow}));
  must(desk->add_user(StaffUser{0, "hank", Role::handler, "h2", kNow}));
  EXPECT_EQ(department_ids("credit, nowhere", list).error().key, "error.department.unknown");
  AccountChange change;
  change.departments = must(department_ids(" credit ,credit,", list));
  change.disabled = true;
  change.password_hash = "h3";
  const StaffUser changed = must(change_account(*desk, "hank", change, "sam"));
  EXPECT_EQ(changed.departments, (std::vector<std::string>{"credit"}));
  const auto stored = must(desk->find_user("hank"));
  EXPECT_TRUE(stored->disabled);
  EXPECT_EQ(stored->password_hash, "h3");
  EXPECT_EQ(stored->departments, (std::vector<std::string>{"credit"}));
  AccountChange own;
  own.disabled = true;
  EXPECT_EQ(change_account(*desk, "sam", own, "sam").error().key, "error.staff.self");
  own.disabled.reset();
  own.role = Role::handler;
  EXPECT_EQ(change_account(*desk, "sam", own, "sam").error().key, "error.staff.self");
  EXPECT_EQ(must(desk->find_user("sam"))->role, Role::supervisor);
  EXPECT_EQ(change_account(*desk, "ghost", own, "sam").error().code, ErrorCode::not_found);
  EXPECT_EQ(check_new_password("short").error().key, "desk.error.password_short");
  EXPECT_EQ(staff_role("kiosk").error().key, "desk.error.role");
}

INSTANTIATE_TEST_SUITE_P(BothStores, DeskStateStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
