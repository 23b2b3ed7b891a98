// GroupSender: what the four group senders share (private to drivers/webhooks): the POST
// through a Transport, the answer's status check, and the provider's JSON reply read as
// success or an error carrying it. Each provider's file says how its request is built and
// signed and how its reply is read.
#pragma once

#include <memory>
#include <string>

#include "core/base/clock.h"
#include "core/notify/group_channels.h"
#include "core/notify/notice_sender.h"
#include "core/sync/request_auth.h"
#include "core/sync/transport.h"

namespace complaint {

struct GroupSenderParts {
  GroupChannel channel;
  const RequestSigner& signer;
  const Clock& clock;
  std::string path;  // the endpoint's path and query, without the origin CurlTransport holds
};

class GroupSender : public NoticeSender {
 public:
  GroupSender(GroupSenderParts parts, std::unique_ptr<Transport> transport)
      : m_parts(std::move(parts)), m_transport(std::move(transport)) {}
  std::string channel() const final { return to_string(m_parts.channel.kind); }
  Result<std::string> send(const NoticeMessage& message) final;

 protected:
  virtual HttpRequest request(const NoticeMessage& message) const = 0;
  // A 2xx answer read: the provider's reply (trimmed) or an error carrying it.
  virtual Result<std::string> read_answer(const HttpResponse& response) const = 0;

  // The receiver's refusal (the worker names the channel and the group before it).
  Error refused(const std::string& what) const;
  // Reads {"<code_field>":0,...} as success; another code is an error with it and <message_field>.
  Result<std::string> read_code(const HttpResponse& response, const char* code_field,
                                const char* message_field) const;
  // The standard base64 of HMAC-SHA256(key, message).
  std::string hmac_base64(std::string_view key, std::string_view message) const;

  const GroupSenderParts& parts() const { return m_parts; }

 private:
  GroupSenderParts m_parts;
  std::unique_ptr<Transport> m_transport;
};

// A reply cut to a length the outbox and the audit trail keep.
std::string trimmed_answer(std::string_view body);

std::unique_ptr<GroupSender> make_wecom_sender(GroupSenderParts parts, std::unique_ptr<Transport> transport);
std::unique_ptr<GroupSender> make_dingtalk_sender(GroupSenderParts parts,
                                                  std::unique_ptr<Transport> transport);
std::unique_ptr<GroupSender> make_feishu_sender(GroupSenderParts parts, std::unique_ptr<Transport> transport);
std::unique_ptr<GroupSender> make_json_webhook_sender(GroupSenderParts parts,
                                                      std::unique_ptr<Transport> transport);

}  // namespace complaint
