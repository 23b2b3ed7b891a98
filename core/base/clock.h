// Clock: the injected source of time. SystemClock reads the OS; FixedClock is the
// scriptable fake that tests freeze and advance. Instants are UTC seconds.
#pragma once

#include <chrono>
#include <mutex>

namespace complaint {

using Instant = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant start) : m_now(start) {}
  Instant now() const override;
  void set(Instant at);
  void advance(std::chrono::seconds by);

 private:
  mutable std::mutex m_mutex;
  Instant m_now;
};

}  // namespace complaint
