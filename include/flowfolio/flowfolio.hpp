// Every public header of the library, layer by layer (docs/architecture.md). A program
// that wants one part includes that part's header instead: flowfolio/engine/engine.hpp
// is where to start reading.
#pragma once

#include "flowfolio/core/distribution.hpp"
#include "flowfolio/core/error.hpp"
#include "flowfolio/core/memory.hpp"
#include "flowfolio/core/metrics.hpp"
#include "flowfolio/core/portable_math.hpp"
#include "flowfolio/core/random.hpp"
#include "flowfolio/engine/engine.hpp"
#include "flowfolio/engine/scenario.hpp"
#include "flowfolio/engine/trial_runner.hpp"
#include "flowfolio/stats/comparison.hpp"
#include "flowfolio/stats/sketch.hpp"
#include "flowfolio/stats/statistics.hpp"
#include "flowfolio/stats/summaries.hpp"
#include "flowfolio/output/output.hpp"
#include "flowfolio/output/report.hpp"
#include "flowfolio/output/result_folder.hpp"
#include "flowfolio/studies/frontier.hpp"
#include "flowfolio/studies/sensitivity.hpp"
#include "flowfolio/studies/study_output.hpp"
#include "flowfolio/studies/sweep.hpp"
#include "flowfolio/cluster/cluster.hpp"
