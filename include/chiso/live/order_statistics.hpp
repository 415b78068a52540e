#pragma once
/// \file live/order_statistics.hpp
/// A multiset of numbers that answers "how many are smaller?" in O(log n) while values are
/// inserted and erased: the order-statistics structure behind live ranks (`ranked_scores.hpp`).
///
/// A treap (randomised balanced binary search tree; Seidel & Aragon 1996) over the *distinct*
/// values, each node carrying its multiplicity and two subtree counts: values and distinct
/// values. Nodes live in one vector and link by index (a free list recycles erased nodes), so
/// steady-state updates do not allocate; priorities come from a fixed-seed SplitMix64 stream,
/// so the tree's shape, and every answer, is a deterministic function of the operations (no
/// hashing, no pointer values). Expected depth O(log n).

#include "chiso/error.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace chiso::live {

/// Multiset of doubles (NaN refused) with rank queries; keys compare with `<` (−0 and +0 are
/// equal). All queries and updates are expected O(log d), d the number of distinct keys.
class order_statistics {
public:
  /// Where a key stands among the keys held: `less` keys strictly below it, `equal` equal to
  /// it, `distinct_less` distinct keys strictly below it.
  struct position {
    std::size_t less = 0;
    std::size_t equal = 0;
    std::size_t distinct_less = 0;
  };

  order_statistics() { nodes_.push_back(node{}); } // index 0: the empty sentinel

  /// Adds one copy of `key`. Throws `usage_error` on NaN.
  void insert(double key);

  /// Removes one copy of `key`. Throws `usage_error` when the key is not held.
  void erase(double key);

  /// Number of keys held strictly below / equal to / distinct below `key` (NaN: all zero).
  position locate(double key) const noexcept;

  std::size_t count_less(double key) const noexcept { return locate(key).less; }
  std::size_t count(double key) const noexcept { return locate(key).equal; }
  std::size_t distinct_less(double key) const noexcept { return locate(key).distinct_less; }

  /// Keys held, counting copies; distinct keys held.
  std::size_t size() const noexcept { return nodes_[root_].size; }
  std::size_t distinct_size() const noexcept { return nodes_[root_].distinct; }
  bool empty() const noexcept { return root_ == nil; }

  /// The k-th smallest key (0-based, copies counted). Throws `usage_error` when k ≥ size().
  double kth(std::size_t k) const;

  /// Removes every key (keeps the memory).
  void clear() noexcept {
    nodes_.resize(1);
    free_.clear();
    root_ = nil;
  }

  /// O(n) self-check for tests: search-tree order, heap order of priorities, subtree counts.
  bool valid() const noexcept;

private:
  static constexpr std::uint32_t nil = 0;

  struct node {
    double key = 0;
    std::uint64_t priority = 0;
    std::uint32_t left = nil, right = nil;
    std::uint32_t count = 0;    // copies of key
    std::uint32_t size = 0;     // copies in the subtree
    std::uint32_t distinct = 0; // nodes in the subtree
  };

  std::vector<node> nodes_;
  std::vector<std::uint32_t> free_;
  std::uint32_t root_ = nil;
  std::uint64_t seed_ = 0x9E3779B97F4A7C15ull;

  std::uint64_t next_priority() noexcept;
  std::uint32_t make(double key);
  void pull(std::uint32_t t) noexcept;
  std::uint32_t rotate_right(std::uint32_t t) noexcept;
  std::uint32_t rotate_left(std::uint32_t t) noexcept;

  // Indices, not references: make() may grow nodes_ and move it.
  std::uint32_t insert_at(std::uint32_t t, double key);

  // Joins two treaps, every key of `a` below every key of `b`.
  std::uint32_t merge(std::uint32_t a, std::uint32_t b) noexcept;
  std::uint32_t erase_at(std::uint32_t t, double key);
  void check(std::uint32_t t, const double* lo, const double* hi, bool& ok) const noexcept;
};

} // namespace chiso::live
