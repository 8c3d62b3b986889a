#!/usr/bin/env bash
# Writes work.csv, incidents.csv and ramp.csv beside this script: a SYNTHETIC history of
# three years (156 weeks from Monday 2 January 2023) of the default scenario's work done as
# status_quo (six veterans doing everything), simulated by flowfolio's own engine, trial 0
# of seed 20261125. No organisation's data is in it.
#
# The true values it was made from differ from the scenario's judgement, so that
# `flowfolio calibrate` has something to find (docs/calibration.md, "A walk-through"):
#
#   value                                      scenario's judgement   true value here
#   pharma_campaign incident probability       0.001                  0.003
#   pharma_campaign severity (lognormal)       median 500k, sigma 1.8 median 300k, sigma 1.5
#   community incident probability             0.00005                0.001
#   community severity (lognormal)             p5 500, p95 30k        median 4000, sigma 1.1
#   tweet incident probability                 0.00001                0.0002
#   blog_post incident probability             0.0005                 0.002
#   veteran learning rate (eta)                0.01                   0.015
#
# Usage: scenarios/history/make-history.sh [FLOWFOLIO] [FOLDER]   (defaults: flowfolio on
# PATH, this script's folder). The test suite runs it into a temporary folder and checks
# that it gives the shipped files byte for byte.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
flowfolio=${1:-flowfolio}
into=${2:-$here}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$flowfolio" history "$here/../seed-default.yaml" --as status_quo --trial 0 --seed 20261125 \
  --start 2023-01-02 --out "$work/history" \
  --set horizon=156 \
  --set activities.pharma_campaign.incident.probability=0.003 \
  --set activities.pharma_campaign.incident.severity.lognormal.median=300000 \
  --set activities.pharma_campaign.incident.severity.lognormal.sigma=1.5 \
  --set activities.community.incident.probability=0.001 \
  --set 'activities.community.incident.severity={lognormal: {median: 4000, sigma: 1.1}}' \
  --set activities.tweet.incident.probability=0.0002 \
  --set activities.blog_post.incident.probability=0.002 \
  --set profiles.veteran.learning_rate=0.015 > /dev/null
cp "$work/history/work.csv" "$work/history/incidents.csv" "$work/history/ramp.csv" "$into/"
