// Result<T>: a value or an Error (the one error model, see error.h). TRY() propagates.
// Invariant: exactly one of value/error is held; reading the wrong one asserts.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/base/error.h"

namespace complaint {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(m_state); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok() && "Result::value() on an error");
    return std::get<T>(m_state);
  }
  const T& value() const& {
    assert(ok() && "Result::value() on an error");
    return std::get<T>(m_state);
  }
  T&& value() && {
    assert(ok() && "Result::value() on an error");
    return std::get<T>(std::move(m_state));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok() && "Result::error() on a value");
    return std::get<Error>(m_state);
  }

 private:
  std::variant<T, Error> m_state;
};

struct Ok {};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}                                                       // NOLINT(google-explicit-constructor)
  Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT

  bool ok() const { return !m_failed; }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(m_failed && "Result<void>::error() on success");
    return m_error;
  }

 private:
  Error m_error;
  bool m_failed = false;
};

}  // namespace complaint

// Evaluates a Result expression; on error returns the error from the enclosing function.
#define COMPLAINT_CONCAT_INNER(a, b) a##b
#define COMPLAINT_CONCAT(a, b) COMPLAINT_CONCAT_INNER(a, b)
#define TRY_VOID(expr)                                 \
  do {                                                 \
    auto&& try_result_ = (expr);                       \
    if (!try_result_.ok()) return try_result_.error(); \
  } while (false)
#define TRY_ASSIGN(lhs, expr) TRY_ASSIGN_IMPL(COMPLAINT_CONCAT(try_result_, __LINE__), lhs, expr)
#define TRY_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                    \
  if (!tmp.ok()) return tmp.error();    \
  lhs = std::move(tmp).value()
