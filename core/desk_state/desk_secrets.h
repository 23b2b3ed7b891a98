// DeskSecrets: desk-wide secrets kept in the desk's database (the key that signs the
// tracking page's rating form tokens), made once by whichever desk needs one first, so a
// form loaded from one desk is accepted by another and a restart does not expire open forms.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/desk_state/desk_state_store.h"

namespace complaint {

class DeskSecrets {
 public:
  // `random_hex`: fresh unpredictable hex (the desk's signer's nonces).
  DeskSecrets(DeskStateStore& store, std::function<std::string()> random_hex);

  // The secret called `name`: read from the store, or made and stored when there is none.
  // Cached once read (a stored secret never changes), so only the first call per name and
  // process touches the store.
  Result<std::string> get(const std::string& name);

 private:
  DeskStateStore& m_store;
  std::function<std::string()> m_random_hex;
  std::mutex m_mutex;
  std::map<std::string, std::string> m_cache;
};

}  // namespace complaint
