#pragma once

// The building blocks of the table file format (docs/table-format.md): block handles, the
// footer, and reading one block (trailer check and decompression) from a file.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/file_system.h"
#include "core/status.h"
#include "lsm/dbformat.h"
#include "lsm/table/table_options.h"

namespace datacave::lsm {

// Every block on disk is followed by a trailer: one compression type byte and a fixed32
// masked CRC32C of the block contents followed by the type byte.
constexpr size_t kBlockTrailerSize = 5;

// Blocks larger than this, stored or uncompressed, are rejected as corrupt before any
// memory is allocated for them; the builder refuses to write them.
constexpr size_t kMaxBlockSize = size_t{64} << 20;

// The metaindex key whose value is the name of the comparator the table was written with.
constexpr std::string_view kComparatorMetaKey = "comparator";
// The metaindex key of the range tombstone block (docs/table-format.md).
constexpr std::string_view kRangeTombstonesMetaKey = "rangedel.datacave";

// The key the bloom filter is built over and queried with for a table key
// (TableOptions::filter_on_user_key). A view into key.
inline std::string_view FilterKey(const TableOptions& options, std::string_view key) {
  return options.filter_on_user_key && key.size() >= 8 ? ExtractUserKey(key) : key;
}

// Where a block lives in a file: its offset and its size without the trailer.
class BlockHandle {
 public:
  // Two varint64s.
  static constexpr size_t kMaxEncodedLength = 10 + 10;

  BlockHandle() = default;
  BlockHandle(uint64_t offset, uint64_t size) : offset_(offset), size_(size) {}

  uint64_t offset() const { return offset_; }
  uint64_t size() const { return size_; }

  void EncodeTo(std::string* dst) const;
  // Consumes a handle from the front of *input.
  Status DecodeFrom(std::string_view* input);

 private:
  uint64_t offset_ = 0;
  uint64_t size_ = 0;
};

// The fixed-size tail of every table file.
class Footer {
 public:
  // Two handles padded with zeros to 40 bytes, fixed32 format version, fixed32 masked
  // CRC32C of the 44 bytes before it, fixed64 magic number.
  static constexpr size_t kEncodedLength = 2 * BlockHandle::kMaxEncodedLength + 4 + 4 + 8;
  static constexpr uint32_t kFormatVersion = 1;
  // "DCAVSST1" in the file's byte order.
  static constexpr uint64_t kMagicNumber = 0x3154535356414344ull;

  Footer() = default;
  Footer(BlockHandle metaindex, BlockHandle index) : metaindex_(metaindex), index_(index) {}

  const BlockHandle& metaindex_handle() const { return metaindex_; }
  const BlockHandle& index_handle() const { return index_; }

  void EncodeTo(std::string* dst) const;
  // REQUIRES: input.size() == kEncodedLength. Corruption on a bad magic number, checksum,
  // version, handle or non-zero padding.
  Status DecodeFrom(std::string_view input);

 private:
  BlockHandle metaindex_;
  BlockHandle index_;
};

// Compresses raw with type into *compressed. Returns false (leaving *compressed
// unspecified) when the library fails or when the result does not save at least 12.5%: the
// caller then stores raw with kNone.
bool CompressBlock(CompressionType type, std::string_view raw, std::string* compressed);

// Decompresses stored bytes of the given type (the trailer's type byte). Corruption on an
// unknown type, malformed input, or an uncompressed size above kMaxBlockSize.
Result<std::string> UncompressBlock(uint8_t type, std::string_view stored);

// Reads the block at handle from file (file_size bytes long, named file_name in error
// messages), checks its trailer when verify_checksums, and returns its uncompressed
// contents. Every failure is a Corruption (or the file's IOError) naming the file.
//
// ReadBlockContents is the same but reads a mapped file (RandomAccessFile::mapped) in place
// and does not copy an uncompressed block out of it: the contents then stay valid only as
// long as the file.
struct BlockContents {
  std::string heap;            // the contents, unless in_file
  std::string_view file_view;  // the contents when in_file
  bool in_file = false;
};
Result<BlockContents> ReadBlockContents(const RandomAccessFile& file, uint64_t file_size,
                                        std::string_view file_name, const BlockHandle& handle,
                                        bool verify_checksums);
Result<std::string> ReadBlock(const RandomAccessFile& file, uint64_t file_size,
                              std::string_view file_name, const BlockHandle& handle,
                              bool verify_checksums);

}  // namespace datacave::lsm
