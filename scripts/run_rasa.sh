#!/usr/bin/env sh
# Start the Rasa server on loopback with the trained model.
# Usage: scripts/run_rasa.sh [PORT]   (env: ACTION_SERVER_URL, default http://127.0.0.1:5055;
#        RASA_MODEL, default models/qingxin.tar.gz; extra args after the port go to rasa run)
set -eu
cd "$(dirname "$0")/.."
PORT="${1:-5005}"; [ $# -gt 0 ] && shift
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:5055}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
# the pipeline imports escalation.risk.rasa_language / rasa_component from the repo
export PYTHONPATH="$(pwd)${PYTHONPATH:+:$PYTHONPATH}"
exec .venv-rasa/bin/rasa run --enable-api -i 127.0.0.1 -p "$PORT" \
  -m "${RASA_MODEL:-models/qingxin.tar.gz}" --endpoints endpoints.yml --credentials credentials.yml "$@"
