#!/usr/bin/env sh
# Start the action server (rasa_sdk) from the repo root so `actions` and `escalation` import.
# Usage: scripts/run_actions.sh [PORT]   (env: QINGXIN_SERVICE_URL, QINGXIN_INTERNAL_SECRET)
set -eu
cd "$(dirname "$0")/.."
export PYTHONPATH="$(pwd)${PYTHONPATH:+:$PYTHONPATH}"
exec .venv-rasa/bin/rasa run actions --actions actions -p "${1:-5055}"
