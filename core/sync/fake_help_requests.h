// FakeHelpRequests: HelpRequests in memory, with a FaultScript to fail record or delivered,
// and deliver() for a test to play the desk's acknowledgement.
#pragma once

#include <mutex>
#include <set>
#include <vector>

#include "core/base/fault_script.h"
#include "core/sync/help_requests.h"

namespace complaint {

enum class HelpOperation { record, delivered };

class FakeHelpRequests final : public HelpRequests {
 public:
  Result<HelpRequest> record(const std::string& screen, const std::string& language, Instant at) override;
  Result<bool> delivered(std::int64_t id) override;

  FaultScript<HelpOperation>& script() { return m_script; }
  void deliver(std::int64_t id);
  std::vector<HelpRequest> recorded() const;

 private:
  FaultScript<HelpOperation> m_script;
  mutable std::mutex m_mutex;
  std::vector<HelpRequest> m_recorded;
  std::set<std::int64_t> m_delivered;
};

}  // namespace complaint
