#!/bin/sh
# The checker's text-browser test (tests/test_checker_history.py) reads the page with lynx and w3m,
# Debian's packages. Installed with apt when missing and possible; elsewhere the test skips and
# says why.
missing=""
for tool in lynx w3m; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's$missing for the text-browser test..."
  # shellcheck disable=SC2086
  apt-get install -y -q $missing >/dev/null 2>&1 || \
    { apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null; } && exit 0
fi
echo "No$missing here and apt-get can't install it: the text-browser test will be skipped." >&2
exit 0
