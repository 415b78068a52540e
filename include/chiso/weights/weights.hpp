#pragma once
/// \file weights/weights.hpp
/// Umbrella of the weighting methods (see weights/common.hpp for the concept they share).
/// The data-driven methods are compiled (src/weights/*.cpp; `benefit_of_the_doubt` with GLPK in
/// src/benefit_of_the_doubt.cpp): link chiso::chiso to use them.

#include "chiso/weights/ahp.hpp"
#include "chiso/weights/benefit_of_the_doubt.hpp"
#include "chiso/weights/common.hpp"
#include "chiso/weights/correlation_balance.hpp"
#include "chiso/weights/critic.hpp"
#include "chiso/weights/entropy.hpp"
#include "chiso/weights/equal.hpp"
#include "chiso/weights/explicit_weights.hpp"
#include "chiso/weights/pca.hpp"
