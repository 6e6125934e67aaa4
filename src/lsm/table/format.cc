#include "lsm/table/format.h"

#include <lz4.h>
#include <zstd.h>

#include <limits>

#include "core/coding.h"
#include "core/crc32c.h"

namespace datacave::lsm {
namespace {

// zstd's default level: a good ratio at several hundred MB/s.
constexpr int kZstdLevel = 3;

std::string AtOffset(std::string_view file_name, uint64_t offset) {
  return " in " + std::string(file_name) + " at offset " + std::to_string(offset);
}

}  // namespace

void BlockHandle::EncodeTo(std::string* dst) const {
  PutVarint64(dst, offset_);
  PutVarint64(dst, size_);
}

Status BlockHandle::DecodeFrom(std::string_view* input) {
  if (!GetVarint64(input, &offset_) || !GetVarint64(input, &size_)) {
    return Status::Corruption("bad block handle");
  }
  return Status::Ok();
}

void Footer::EncodeTo(std::string* dst) const {
  const size_t start = dst->size();
  metaindex_.EncodeTo(dst);
  index_.EncodeTo(dst);
  dst->resize(start + 2 * BlockHandle::kMaxEncodedLength, '\0');
  PutFixed32(dst, kFormatVersion);
  PutFixed32(dst, crc32c::Mask(crc32c::Value(std::string_view(*dst).substr(start))));
  PutFixed64(dst, kMagicNumber);
}

Status Footer::DecodeFrom(std::string_view input) {
  if (input.size() != kEncodedLength) return Status::Corruption("footer has the wrong size");
  constexpr size_t kChecked = 2 * BlockHandle::kMaxEncodedLength + 4;
  if (DecodeFixed64(input.data() + kChecked + 4) != kMagicNumber) {
    return Status::Corruption("not a table file (bad magic number)");
  }
  uint32_t expected = crc32c::Unmask(DecodeFixed32(input.data() + kChecked));
  if (crc32c::Value(input.substr(0, kChecked)) != expected) {
    return Status::Corruption("footer checksum mismatch");
  }
  uint32_t version = DecodeFixed32(input.data() + kChecked - 4);
  if (version != kFormatVersion) {
    return Status::Corruption("unknown table format version " + std::to_string(version));
  }
  std::string_view handles = input.substr(0, 2 * BlockHandle::kMaxEncodedLength);
  DC_RETURN_IF_ERROR(metaindex_.DecodeFrom(&handles));
  DC_RETURN_IF_ERROR(index_.DecodeFrom(&handles));
  for (char c : handles) {
    if (c != '\0') return Status::Corruption("footer padding is not zero");
  }
  return Status::Ok();
}

bool CompressBlock(CompressionType type, std::string_view raw, std::string* compressed) {
  compressed->clear();
  // Compression has to pay for the CPU it costs on every read.
  const size_t limit = raw.size() - raw.size() / 8;
  switch (type) {
    case CompressionType::kNone: return false;
    case CompressionType::kLz4: {
      if (raw.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) return false;
      // LZ4 blocks do not record their uncompressed size; we prefix it.
      PutVarint32(compressed, static_cast<uint32_t>(raw.size()));
      const size_t prefix = compressed->size();
      const int bound = LZ4_compressBound(static_cast<int>(raw.size()));
      compressed->resize(prefix + static_cast<size_t>(bound));
      const int n = LZ4_compress_default(raw.data(), compressed->data() + prefix,
                                         static_cast<int>(raw.size()), bound);
      if (n <= 0) return false;
      compressed->resize(prefix + static_cast<size_t>(n));
      break;
    }
    case CompressionType::kZstd: {
      compressed->resize(ZSTD_compressBound(raw.size()));
      const size_t n =
          ZSTD_compress(compressed->data(), compressed->size(), raw.data(), raw.size(), kZstdLevel);
      if (ZSTD_isError(n)) return false;
      compressed->resize(n);
      break;
    }
  }
  return compressed->size() <= limit;
}

Result<std::string> UncompressBlock(uint8_t type, std::string_view stored) {
  switch (type) {
    case static_cast<uint8_t>(CompressionType::kNone): return std::string(stored);
    case static_cast<uint8_t>(CompressionType::kLz4): {
      uint32_t size;
      if (!GetVarint32(&stored, &size)) return Status::Corruption("bad LZ4 block size");
      if (size > kMaxBlockSize) return Status::Corruption("LZ4 block too large");
      if (stored.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        return Status::Corruption("LZ4 block too large");
      }
      std::string out(size, '\0');
      const int n = LZ4_decompress_safe(stored.data(), out.data(), static_cast<int>(stored.size()),
                                        static_cast<int>(size));
      if (n < 0 || static_cast<uint32_t>(n) != size) {
        return Status::Corruption("malformed LZ4 block");
      }
      return out;
    }
    case static_cast<uint8_t>(CompressionType::kZstd): {
      const unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
      if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR) {
        return Status::Corruption("malformed zstd block");
      }
      if (size > kMaxBlockSize) return Status::Corruption("zstd block too large");
      std::string out(static_cast<size_t>(size), '\0');
      const size_t n = ZSTD_decompress(out.data(), out.size(), stored.data(), stored.size());
      if (ZSTD_isError(n) || n != size) return Status::Corruption("malformed zstd block");
      return out;
    }
    default: return Status::Corruption("unknown block compression type " + std::to_string(type));
  }
}

Result<BlockContents> ReadBlockContents(const RandomAccessFile& file, uint64_t file_size,
                                        std::string_view file_name, const BlockHandle& handle,
                                        bool verify_checksums) {
  // Check the handle against the file before allocating anything for it.
  const uint64_t offset = handle.offset();
  if (handle.size() > kMaxBlockSize || offset > file_size ||
      file_size - offset < handle.size() + kBlockTrailerSize) {
    return Status::Corruption("block handle out of range" + AtOffset(file_name, offset));
  }
  const size_t n = static_cast<size_t>(handle.size());
  BlockContents contents;
  std::string_view read;
  const std::string_view mapped = file.mapped();
  if (!mapped.empty()) {
    // In place: no system call, no scratch buffer, no copy.
    if (offset <= mapped.size()) read = mapped.substr(offset, n + kBlockTrailerSize);
  } else {
    contents.heap.resize(n + kBlockTrailerSize);
    Status s = file.Read(offset, contents.heap.size(), contents.heap.data(), &read);
    if (!s.ok()) return s.WithContext("reading " + std::string(file_name));
  }
  if (read.size() != n + kBlockTrailerSize) {
    return Status::Corruption("truncated block read" + AtOffset(file_name, offset));
  }
  const char* data = read.data();
  const auto type = static_cast<uint8_t>(data[n]);
  if (verify_checksums) {
    const uint32_t expected = crc32c::Unmask(DecodeFixed32(data + n + 1));
    if (crc32c::Value(read.substr(0, n + 1)) != expected) {
      return Status::Corruption("block checksum mismatch" + AtOffset(file_name, offset));
    }
  }
  if (type == static_cast<uint8_t>(CompressionType::kNone)) {
    if (mapped.empty()) {
      contents.heap.resize(n);
    } else {
      contents.file_view = read.substr(0, n);
      contents.in_file = true;
    }
    return contents;
  }
  Result<std::string> uncompressed = UncompressBlock(type, read.substr(0, n));
  if (!uncompressed.ok()) {
    return uncompressed.status().WithContext(std::string(file_name) + " at offset " +
                                             std::to_string(offset));
  }
  contents.heap = std::move(uncompressed).value();
  return contents;
}

Result<std::string> ReadBlock(const RandomAccessFile& file, uint64_t file_size,
                              std::string_view file_name, const BlockHandle& handle,
                              bool verify_checksums) {
  DC_ASSIGN_OR_RETURN(BlockContents contents,
                      ReadBlockContents(file, file_size, file_name, handle, verify_checksums));
  if (contents.in_file) return std::string(contents.file_view);
  return std::move(contents.heap);
}

}  // namespace datacave::lsm
