#pragma once
/// \file weights/weights.hpp
/// Umbrella of the weighting methods (see weights/common.hpp for the concept they share).
/// `benefit_of_the_doubt` is compiled (GLPK): link chiso::chiso to use it.

#include "chiso/weights/ahp.hpp"
#include "chiso/weights/benefit_of_the_doubt.hpp"
#include "chiso/weights/common.hpp"
#include "chiso/weights/correlation_balance.hpp"
#include "chiso/weights/critic.hpp"
#include "chiso/weights/entropy.hpp"
#include "chiso/weights/equal.hpp"
#include "chiso/weights/explicit_weights.hpp"
#include "chiso/weights/pca.hpp"
