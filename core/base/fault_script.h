// FaultScript: the one "fail after n calls, once or from then on" script behind every fake
// that tests make fail on purpose (repository, transport, sync stores, printer, renderer,
// input method). Thread-safe: the desk calls its repository from several server threads.
#pragma once

#include <map>
#include <mutex>
#include <optional>

#include "core/base/error.h"

namespace complaint {

enum class FailureMode {
  once,          // only the (n+1)th call fails; later calls succeed again
  from_then_on,  // the (n+1)th call and every one after it fail (a disk that stays full)
};

template <class Operation>
class FaultScript {
 public:
  // After `after_calls` more successful calls to `operation`, the next one fails with `error`.
  void fail(Operation operation, int after_calls, FailureMode mode, Error error) {
    std::lock_guard lock(m_mutex);
    m_scripts[operation] = Script{after_calls, mode, std::move(error), false};
  }
  void clear() {
    std::lock_guard lock(m_mutex);
    m_scripts.clear();
  }
  int calls(Operation operation) const {
    std::lock_guard lock(m_mutex);
    const auto found = m_calls.find(operation);
    return found == m_calls.end() ? 0 : found->second;
  }
  // Counts the call; returns the scripted error when this call is to fail.
  std::optional<Error> on_call(Operation operation) {
    std::lock_guard lock(m_mutex);
    ++m_calls[operation];
    const auto found = m_scripts.find(operation);
    if (found == m_scripts.end()) return std::nullopt;
    Script& script = found->second;
    if (script.fired && script.mode == FailureMode::from_then_on) return script.error;
    if (script.fired) return std::nullopt;
    if (script.remaining > 0) {
      --script.remaining;
      return std::nullopt;
    }
    script.fired = true;
    return script.error;
  }

 private:
  struct Script {
    int remaining = 0;
    FailureMode mode = FailureMode::once;
    Error error;
    bool fired = false;
  };
  mutable std::mutex m_mutex;
  std::map<Operation, Script> m_scripts;
  std::map<Operation, int> m_calls;
};

}  // namespace complaint
