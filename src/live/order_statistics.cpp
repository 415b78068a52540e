// The order-statistics treap of live ranks (declared in include/chiso/live/order_statistics.hpp),
// compiled once into libchiso.
#include "chiso/live/order_statistics.hpp"

#include "chiso/error.hpp"

#include <cmath>
#include <string>

namespace chiso::live {

void order_statistics::insert(double key) {
  if (std::isnan(key)) throw usage_error("order_statistics: cannot insert NaN");
  root_ = insert_at(root_, key);
}

void order_statistics::erase(double key) {
  if (count(key) == 0)
    throw usage_error("order_statistics: erase of a key not held (" + std::to_string(key) + ")");
  root_ = erase_at(root_, key);
}

order_statistics::position order_statistics::locate(double key) const noexcept {
  position p;
  if (std::isnan(key)) return p;
  std::uint32_t t = root_;
  while (t != nil) {
    const node& x = nodes_[t];
    if (key < x.key) {
      t = x.left;
    } else if (x.key < key) {
      p.less += nodes_[x.left].size + x.count;
      p.distinct_less += nodes_[x.left].distinct + 1;
      t = x.right;
    } else {
      p.less += nodes_[x.left].size;
      p.distinct_less += nodes_[x.left].distinct;
      p.equal = x.count;
      break;
    }
  }
  return p;
}

double order_statistics::kth(std::size_t k) const {
  if (k >= size())
    throw usage_error("order_statistics: kth(" + std::to_string(k) + ") of " +
                      std::to_string(size()) + " keys");
  std::uint32_t t = root_;
  for (;;) {
    const node& x = nodes_[t];
    const std::size_t l = nodes_[x.left].size;
    if (k < l) {
      t = x.left;
    } else if (k < l + x.count) {
      return x.key;
    } else {
      k -= l + x.count;
      t = x.right;
    }
  }
}

bool order_statistics::valid() const noexcept {
  bool ok = true;
  check(root_, nullptr, nullptr, ok);
  return ok && nodes_[nil].size == 0 && nodes_[nil].distinct == 0;
}

std::uint64_t order_statistics::next_priority() noexcept { // SplitMix64 (Steele, Lea & Flood 2014)
  std::uint64_t z = (seed_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint32_t order_statistics::make(double key) {
  node x;
  x.key = key;
  x.priority = next_priority();
  x.count = x.size = x.distinct = 1;
  if (!free_.empty()) {
    const std::uint32_t i = free_.back();
    free_.pop_back();
    nodes_[i] = x;
    return i;
  }
  nodes_.push_back(x);
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

void order_statistics::pull(std::uint32_t t) noexcept {
  node& x = nodes_[t];
  x.size = nodes_[x.left].size + nodes_[x.right].size + x.count;
  x.distinct = nodes_[x.left].distinct + nodes_[x.right].distinct + 1;
}

std::uint32_t order_statistics::rotate_right(std::uint32_t t) noexcept {
  const std::uint32_t l = nodes_[t].left;
  nodes_[t].left = nodes_[l].right;
  nodes_[l].right = t;
  pull(t);
  pull(l);
  return l;
}

std::uint32_t order_statistics::rotate_left(std::uint32_t t) noexcept {
  const std::uint32_t r = nodes_[t].right;
  nodes_[t].right = nodes_[r].left;
  nodes_[r].left = t;
  pull(t);
  pull(r);
  return r;
}

std::uint32_t order_statistics::insert_at(std::uint32_t t, double key) {
  if (t == nil) return make(key);
  if (key < nodes_[t].key) {
    const std::uint32_t c = insert_at(nodes_[t].left, key);
    nodes_[t].left = c;
    if (nodes_[c].priority > nodes_[t].priority) return rotate_right(t);
  } else if (nodes_[t].key < key) {
    const std::uint32_t c = insert_at(nodes_[t].right, key);
    nodes_[t].right = c;
    if (nodes_[c].priority > nodes_[t].priority) return rotate_left(t);
  } else {
    ++nodes_[t].count;
  }
  pull(t);
  return t;
}

std::uint32_t order_statistics::merge(std::uint32_t a, std::uint32_t b) noexcept {
  if (a == nil) return b;
  if (b == nil) return a;
  if (nodes_[a].priority > nodes_[b].priority) {
    nodes_[a].right = merge(nodes_[a].right, b);
    pull(a);
    return a;
  }
  nodes_[b].left = merge(a, nodes_[b].left);
  pull(b);
  return b;
}

std::uint32_t order_statistics::erase_at(std::uint32_t t, double key) {
  node& x = nodes_[t]; // no allocation below: the reference stays valid
  if (key < x.key) {
    x.left = erase_at(x.left, key);
  } else if (x.key < key) {
    x.right = erase_at(x.right, key);
  } else if (x.count > 1) {
    --x.count;
  } else {
    const std::uint32_t m = merge(x.left, x.right);
    x = node{};
    free_.push_back(t);
    return m;
  }
  pull(t);
  return t;
}

void order_statistics::check(std::uint32_t t, const double* lo, const double* hi,
                             bool& ok) const noexcept {
  if (t == nil || !ok) return;
  const node& x = nodes_[t];
  if ((lo && !(*lo < x.key)) || (hi && !(x.key < *hi)) || x.count == 0) ok = false;
  for (std::uint32_t c : {x.left, x.right})
    if (c != nil && nodes_[c].priority > x.priority) ok = false;
  if (x.size != nodes_[x.left].size + nodes_[x.right].size + x.count) ok = false;
  if (x.distinct != nodes_[x.left].distinct + nodes_[x.right].distinct + 1) ok = false;
  check(x.left, lo, &x.key, ok);
  check(x.right, &x.key, hi, ok);
}

} // namespace chiso::live
