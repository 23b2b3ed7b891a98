// DeskSecrets; see desk_secrets.h.
#include "core/desk_state/desk_secrets.h"

namespace complaint {

DeskSecrets::DeskSecrets(DeskStateStore& store, std::function<std::string()> random_hex)
    : m_store(store), m_random_hex(std::move(random_hex)) {}

Result<std::string> DeskSecrets::get(const std::string& name) {
  std::lock_guard lock(m_mutex);
  if (const auto cached = m_cache.find(name); cached != m_cache.end()) return cached->second;
  const std::string fresh = m_random_hex() + m_random_hex();  // 256 bits
  std::string value;
  TRY_VOID(m_store.transact([&](DeskStatePort& port) -> Result<void> {
    // Another desk may store its own between our read and insert: the insert then does
    // nothing and the read after it returns the winner's, the same for every desk.
    TRY_VOID(port.insert_secret_if_absent(name, fresh));
    TRY_ASSIGN(const auto stored, port.find_secret(name));
    if (!stored) return Error::make(ErrorCode::storage, "the desk secret '" + name + "' was not stored");
    value = *stored;
    return Ok{};
  }));
  m_cache[name] = value;
  return value;
}

}  // namespace complaint
