#pragma once
/// \file chiso.hpp
/// Umbrella header of the core (needs only Eigen).

#include "chiso/band.hpp"
#include "chiso/dataset.hpp"
#include "chiso/error.hpp"
#include "chiso/framework.hpp"
#include "chiso/indicator.hpp"
#include "chiso/method.hpp"
#include "chiso/panel.hpp"
#include "chiso/plan.hpp"
#include "chiso/rank.hpp"
#include "chiso/round.hpp"
#include "chiso/score.hpp"
#include "chiso/transform.hpp"
