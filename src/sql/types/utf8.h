#pragma once

// Counting characters in UTF-8 text (validated on input, so every byte is either a lead
// byte or a continuation byte).

#include <cstddef>
#include <string_view>

namespace datacave::sql {

inline bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The number of characters in s.
inline size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !IsUtf8Continuation(c);
  return n;
}

// The byte offset of character `chars` (0-based) in s; s.size() when s is shorter.
inline size_t Utf8Offset(std::string_view s, size_t chars) {
  size_t i = 0;
  for (; i < s.size(); ++i) {
    if (!IsUtf8Continuation(s[i])) {
      if (chars == 0) return i;
      --chars;
    }
  }
  return i;
}

}  // namespace datacave::sql
