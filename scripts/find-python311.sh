#!/usr/bin/env bash
# Print a Python 3.11+ interpreter for the service and tests, or explain what to install.
set -u
for candidate in "${QINGXIN_PYTHON:-}" python3.11 python3.12 python3.13 python3; do
  [ -n "$candidate" ] || continue
  if path=$(command -v "$candidate" 2>/dev/null) && "$path" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
echo "The qingxin service needs Python 3.11 or newer and none was found: install one, or point QINGXIN_PYTHON at it." >&2
exit 1
