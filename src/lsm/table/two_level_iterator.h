#pragma once

// An iterator over a sequence of blocks: an index iterator whose values locate blocks, and
// a function that opens the block for an index value. A table's iterator is one of these
// over its index block and data blocks.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "lsm/iterator.h"

namespace datacave::lsm {

// Opens the block for an index entry's value. An error is reported as an iterator whose
// status() is not OK.
using BlockFunction = std::function<std::unique_ptr<Iterator>(std::string_view index_value)>;

// Takes ownership of index_iter. Iteration stops at the first error from the index or a
// block, which status() then reports prefixed with error_context (e.g. the file name)
// unless its message already contains error_context.
// Anything block_function captures must outlive the iterator.
std::unique_ptr<Iterator> NewTwoLevelIterator(std::unique_ptr<Iterator> index_iter,
                                              BlockFunction block_function,
                                              std::string error_context);

}  // namespace datacave::lsm
