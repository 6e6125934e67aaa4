// Arbitrary bytes as a manifest record (an encoded VersionEdit): decoding never crashes,
// and whatever decodes re-encodes to an edit that decodes to the same thing.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lsm/version_edit.h"

using namespace datacave::lsm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  VersionEdit edit;
  if (!edit.DecodeFrom(input).ok()) return 0;
  std::string encoded;
  edit.EncodeTo(&encoded);
  VersionEdit again;
  if (!again.DecodeFrom(encoded).ok()) std::abort();
  std::string encoded_again;
  again.EncodeTo(&encoded_again);
  if (encoded != encoded_again) std::abort();
  return 0;
}
