#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.8–3.10), or explain what to install.
set -u
for candidate in "${QINGXIN_PYTHON310:-}" python3.10; do
  [ -n "$candidate" ] || continue
  if path=$(command -v "$candidate" 2>/dev/null) && "$path" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
    echo "$path"; exit 0
  fi
done
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -rV); do
    prefix=$(pyenv prefix "$version" 2>/dev/null) && [ -x "$prefix/bin/python" ] && { echo "$prefix/bin/python"; exit 0; }
  done
fi
for prefix in "$HOME"/.pyenv/versions/3.10*; do
  [ -x "$prefix/bin/python" ] && { echo "$prefix/bin/python"; exit 0; }
done
if command -v uv >/dev/null 2>&1; then
  if path=$(uv python find 3.10 2>/dev/null) || { uv python install 3.10 >/dev/null 2>&1 && path=$(uv python find 3.10 2>/dev/null); }; then
    echo "$path"; exit 0
  fi
fi
echo "Rasa 3.6 needs Python 3.10 and none was found: install it (e.g. 'pyenv install 3.10.13' or your OS's python3.10 package), or point QINGXIN_PYTHON310 at one." >&2
exit 1
