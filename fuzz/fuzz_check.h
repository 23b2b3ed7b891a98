// FUZZ_CHECK(condition): a property a harness asserts about what a parser returned. A failure
// prints the condition and aborts, which libFuzzer reports as a crash with the input saved.
// (assert() would vanish under NDEBUG in a release-type build.)
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)
