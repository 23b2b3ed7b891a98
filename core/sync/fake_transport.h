// FakeTransport: a Transport that hands each request to a function (usually an
// in-process DeskSyncService) and can be scripted to fail: the request never arrives
// (network cut) or arrives and its answer is lost (the desk did the work).
#pragma once

#include <functional>
#include <vector>

#include "core/base/fault_script.h"
#include "core/sync/transport.h"

namespace complaint {

enum class TransportFault {
  refuse,         // the request does not reach the desk
  lose_response,  // the desk handles it, the kiosk gets a network error
};

class FakeTransport final : public Transport {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  explicit FakeTransport(Handler handler) : m_handler(std::move(handler)) {}

  void fail(TransportFault fault, int after_calls, FailureMode mode) {
    m_script.fail(fault, after_calls, mode, Error::make(ErrorCode::io, "scripted network failure", "send"));
  }
  void clear_failures() { m_script.clear(); }
  int delivered() const { return m_delivered; }  // requests that reached the handler

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (auto error = m_script.on_call(TransportFault::refuse)) return *error;
    ++m_delivered;
    HttpResponse response = m_handler(request);
    if (auto error = m_script.on_call(TransportFault::lose_response)) return *error;
    return response;
  }

 private:
  Handler m_handler;
  FaultScript<TransportFault> m_script;
  int m_delivered = 0;
};

}  // namespace complaint
