// The group channels' senders (core/notify/group_channels.h): one NoticeSender per channel,
// posting JSON over HTTPS with libcurl (drivers/transport, the one HTTP client) and signing
// with HMAC-SHA256 through a RequestSigner (SodiumSigner in production). Each answers with the
// provider's reply, or an error carrying it: a refusal ({"errcode":310000,...}), a non-2xx
// status, a timeout or an unreachable host. Timestamps come from `clock`: the providers check
// them against the wall clock, so production passes a SystemClock.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/notify/group_channels.h"
#include "core/notify/notice_sender.h"
#include "core/notify/notify_config.h"
#include "core/sync/request_auth.h"

namespace complaint {

struct GroupSenderOptions {
  std::chrono::seconds timeout{10};
  std::string ca_file;  // extra CA bundle for a private receiver; empty: the system's
};

// The sender of `channel` (enabled or not). `signer` and `clock` must outlive it. Thread-safe:
// each send in flight at once has its own connection (make_shared_curl_transport).
Result<std::unique_ptr<NoticeSender>> make_group_sender(const GroupChannel& channel,
                                                        const RequestSigner& signer, const Clock& clock,
                                                        const GroupSenderOptions& options);

// One sender for each enabled group channel of [notify].
Result<std::vector<std::unique_ptr<NoticeSender>>> make_group_senders(const NotifyConfig& config,
                                                                      const RequestSigner& signer,
                                                                      const Clock& clock);

}  // namespace complaint
