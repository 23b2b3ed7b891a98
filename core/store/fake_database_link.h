// FakeDatabaseLink: the scriptable DatabaseLink beside ConnectionKeeper (connection_keeper.h):
// connect() succeeds unless a FaultScript says it fails (after n calls, once or from then on,
// as a server that is restarting or gone); it counts connects and disconnects, and says
// whether it is connected.
#pragma once

#include "core/base/fault_script.h"
#include "core/store/connection_keeper.h"

namespace complaint {

enum class LinkOperation { connect };

class FakeDatabaseLink final : public DatabaseLink {
 public:
  Result<void> connect() override {
    if (auto error = m_faults.on_call(LinkOperation::connect)) return *error;
    m_connected = true;
    return Ok{};
  }
  void disconnect() override {
    m_connected = false;
    ++m_disconnects;
  }

  FaultScript<LinkOperation>& faults() { return m_faults; }
  int connects() const { return m_faults.calls(LinkOperation::connect); }  // failed ones included
  int disconnects() const { return m_disconnects; }
  bool connected() const { return m_connected; }

 private:
  FaultScript<LinkOperation> m_faults;
  bool m_connected = false;
  int m_disconnects = 0;
};

}  // namespace complaint
