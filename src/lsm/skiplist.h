#pragma once

// A skiplist of keys in an arena: the memtable's index.
//
// Thread safety: writes (Insert) need external synchronization, one writer at a time. Reads
// need none: any number of threads may read while one writes. This rests on three
// invariants:
//   1. Nodes are never deleted until the whole skiplist is destroyed (the arena frees them).
//   2. A node's contents other than its next pointers never change after it is linked in.
//   3. Next pointers are published with release stores and read with acquire loads, and a
//      node is fully initialized before it is linked, so a reader that sees a node sees
//      all of it.
//
// Key must be cheap to copy (the memtable uses const char*). Comparator is a callable
// object: int operator()(const Key&, const Key&).

#include <atomic>
#include <cassert>
#include <random>

#include "lsm/arena.h"

namespace datacave::lsm {

template <typename Key, class Comparator>
class SkipList {
 private:
  struct Node;

 public:
  // Uses compare for ordering and arena for memory; both must outlive the list.
  SkipList(Comparator compare, Arena* arena);
  SkipList(const SkipList&) = delete;
  SkipList& operator=(const SkipList&) = delete;

  // REQUIRES: nothing equal to key is in the list; external synchronization of writers.
  void Insert(const Key& key);

  // Inserts the key that make_key(room) returns after writing it into `room`: bytes
  // allocated right behind the new node's links. A search step then finds a node and the
  // key it compares in adjacent memory, rather than in two places (one cache miss, not
  // two). Same requirements as Insert.
  template <typename MakeKey>
  void InsertWithRoom(size_t room_size, MakeKey make_key);

  bool Contains(const Key& key) const;

  // A cursor over the list; it sees entries inserted after it was made, or not.
  class Iterator {
   public:
    explicit Iterator(const SkipList* list) : list_(list), node_(nullptr) {}
    bool Valid() const { return node_ != nullptr; }
    // REQUIRES: Valid().
    const Key& key() const { return node_->key; }
    void Next() { node_ = node_->Next(0); }
    // No back pointers: search for the last node before this one.
    void Prev() {
      node_ = list_->FindLessThan(node_->key);
      if (node_ == list_->head_) node_ = nullptr;
    }
    void Seek(const Key& target) { node_ = list_->FindGreaterOrEqual(target, nullptr); }
    void SeekToFirst() { node_ = list_->head_->Next(0); }
    void SeekToLast() {
      node_ = list_->FindLast();
      if (node_ == list_->head_) node_ = nullptr;
    }

   private:
    const SkipList* list_;
    Node* node_;
  };

 private:
  static constexpr int kMaxHeight = 12;
  static constexpr unsigned kBranching = 4;

  int MaxHeight() const { return max_height_.load(std::memory_order_relaxed); }
  Node* NewNode(const Key& key, int height);
  // Room for a node of height links followed by extra bytes.
  static size_t NodeSize(int height) {
    return sizeof(Node) + sizeof(std::atomic<Node*>) * static_cast<size_t>(height - 1);
  }
  // Links x, which holds key and has the given height, into the list.
  void Link(Node* x, int height);
  int RandomHeight();
  bool Equal(const Key& a, const Key& b) const { return compare_(a, b) == 0; }
  bool KeyIsAfterNode(const Key& key, Node* n) const {
    return n != nullptr && compare_(n->key, key) < 0;
  }
  // The first node >= key; fills prev[level] with the last node < key at each level.
  Node* FindGreaterOrEqual(const Key& key, Node** prev) const;
  Node* FindLessThan(const Key& key) const;
  Node* FindLast() const;

  Comparator const compare_;
  Arena* const arena_;
  Node* const head_;
  std::atomic<int> max_height_;  // written only by the writer; racy reads are fine
  std::minstd_rand rnd_;         // writer only
};

template <typename Key, class Comparator>
struct SkipList<Key, Comparator>::Node {
  explicit Node(const Key& k) : key(k) {}
  Key const key;

  Node* Next(int n) { return next_[n].load(std::memory_order_acquire); }
  void SetNext(int n, Node* x) { next_[n].store(x, std::memory_order_release); }
  Node* NoBarrierNext(int n) { return next_[n].load(std::memory_order_relaxed); }
  void NoBarrierSetNext(int n, Node* x) { next_[n].store(x, std::memory_order_relaxed); }

 private:
  // The node is allocated with room for `height` pointers; next_[0] is the lowest level.
  std::atomic<Node*> next_[1];
};

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::NewNode(const Key& key,
                                                                             int height) {
  return new (arena_->AllocateAligned(NodeSize(height))) Node(key);
}

template <typename Key, class Comparator>
int SkipList<Key, Comparator>::RandomHeight() {
  // Each level up with probability 1/kBranching.
  int height = 1;
  while (height < kMaxHeight && rnd_() % kBranching == 0) height++;
  return height;
}

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::FindGreaterOrEqual(
    const Key& key, Node** prev) const {
  Node* x = head_;
  int level = MaxHeight() - 1;
  for (;;) {
    Node* next = x->Next(level);
    if (KeyIsAfterNode(key, next)) {
      x = next;
    } else {
      if (prev != nullptr) prev[level] = x;
      if (level == 0) return next;
      level--;
    }
  }
}

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::FindLessThan(
    const Key& key) const {
  Node* x = head_;
  int level = MaxHeight() - 1;
  for (;;) {
    Node* next = x->Next(level);
    if (next == nullptr || compare_(next->key, key) >= 0) {
      if (level == 0) return x;
      level--;
    } else {
      x = next;
    }
  }
}

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::FindLast() const {
  Node* x = head_;
  int level = MaxHeight() - 1;
  for (;;) {
    Node* next = x->Next(level);
    if (next == nullptr) {
      if (level == 0) return x;
      level--;
    } else {
      x = next;
    }
  }
}

template <typename Key, class Comparator>
SkipList<Key, Comparator>::SkipList(Comparator compare, Arena* arena)
    : compare_(compare),
      arena_(arena),
      head_(NewNode(Key(), kMaxHeight)),
      max_height_(1),
      rnd_(0xdeadbeef) {
  for (int i = 0; i < kMaxHeight; i++) head_->SetNext(i, nullptr);
}

template <typename Key, class Comparator>
void SkipList<Key, Comparator>::Insert(const Key& key) {
  int height = RandomHeight();
  Link(NewNode(key, height), height);
}

template <typename Key, class Comparator>
template <typename MakeKey>
void SkipList<Key, Comparator>::InsertWithRoom(size_t room_size, MakeKey make_key) {
  int height = RandomHeight();
  char* memory = arena_->AllocateAligned(NodeSize(height) + room_size);
  Key key = make_key(memory + NodeSize(height));
  Link(new (memory) Node(key), height);
}

template <typename Key, class Comparator>
void SkipList<Key, Comparator>::Link(Node* x, int height) {
  Node* prev[kMaxHeight];
  Node* found = FindGreaterOrEqual(x->key, prev);
  assert(found == nullptr || !Equal(x->key, found->key));
  (void)found;
  if (height > MaxHeight()) {
    for (int i = MaxHeight(); i < height; i++) prev[i] = head_;
    // Readers that see the new height before the new node find head_'s null pointers at
    // the new levels and simply drop down a level: no synchronization needed.
    max_height_.store(height, std::memory_order_relaxed);
  }
  for (int i = 0; i < height; i++) {
    // The new node's own pointers need no barrier: it is published by the SetNext below.
    x->NoBarrierSetNext(i, prev[i]->NoBarrierNext(i));
    prev[i]->SetNext(i, x);
  }
}

template <typename Key, class Comparator>
bool SkipList<Key, Comparator>::Contains(const Key& key) const {
  Node* x = FindGreaterOrEqual(key, nullptr);
  return x != nullptr && Equal(key, x->key);
}

}  // namespace datacave::lsm
