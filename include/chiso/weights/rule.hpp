#pragma once
/// \file weights/rule.hpp
/// Node weights taken from the data at evaluation time: a node whose `weights_from` holds one
/// of these rules gets its children's weights from their score columns (units × children,
/// complete rows) each time the framework is evaluated, instead of the weights written in the
/// framework. The weights used are kept in `result::node_weights`; the rule's warnings become
/// `weights_warning` diagnostics of the node. (AHP weights come from a judgement matrix, not
/// from data: a spec file turns them into children's weights when it is read.)

#include "chiso/param.hpp"
#include "chiso/weights/correlation_balance.hpp"
#include "chiso/weights/critic.hpp"
#include "chiso/weights/entropy.hpp"
#include "chiso/weights/pca.hpp"

#include <string_view>
#include <variant>

namespace chiso::weights {

/// Spec `weights: pca` — first principal component (weights/pca.hpp).
struct pca_rule_t {
  static constexpr std::string_view name = "pca";
  static constexpr std::string_view summary =
      "first principal component: weights from its loadings";
  static constexpr auto parameters() { return param::through(&pca_rule_t::options); }
  pca_options options{};
  weight_result operator()(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l) const {
    return pca(x, options, l);
  }
};

/// Spec `weights: entropy` — Shannon entropy weights (weights/entropy.hpp).
struct entropy_rule_t {
  static constexpr std::string_view name = "entropy";
  static constexpr std::string_view summary =
      "Shannon entropy: more weight to children that vary more";
  weight_result operator()(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l) const {
    return entropy(x, l);
  }
};

/// Spec `weights: critic` — CRITIC (weights/critic.hpp).
struct critic_rule_t {
  static constexpr std::string_view name = "critic";
  static constexpr std::string_view summary =
      "CRITIC: contrast (SD) times conflict (1 - correlation)";
  static constexpr auto parameters() { return param::through(&critic_rule_t::options); }
  critic_options options{};
  weight_result operator()(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l) const {
    return critic(x, options, l);
  }
};

/// Spec `weights: correlation_balance` — weights that balance the children's correlations with
/// the node (weights/correlation_balance.hpp).
struct balance_rule_t {
  static constexpr std::string_view name = "correlation_balance";
  static constexpr std::string_view summary =
      "weights that balance the children's correlations with the node";
  static constexpr auto parameters() { return param::through(&balance_rule_t::options); }
  balance_options options{};
  weight_result operator()(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l) const {
    return correlation_balance(x, options, l);
  }
};

} // namespace chiso::weights

namespace chiso {

/// A node's data-driven weighting rule.
using weight_rule = std::variant<weights::pca_rule_t, weights::entropy_rule_t,
                                 weights::critic_rule_t, weights::balance_rule_t>;

/// Spec-file name of the rule held.
inline std::string_view name_of(const weight_rule& r) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::name; }, r);
}

} // namespace chiso
