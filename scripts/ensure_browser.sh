#!/bin/sh
# Make sure the browser tests have a Chromium. They never download a browser of their own.
# Order: $CHROMIUM_PATH, then Debian's /usr/bin/chromium (installed with apt when possible).
if [ -n "$CHROMIUM_PATH" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2; exit 1
fi
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null && exit 0
fi
cat >&2 <<'MSG'
The browser tests need Chromium or Google Chrome, and none was found.
  - On Debian or Ubuntu: sudo apt-get install chromium
  - Or point the tests at a binary you have:
      CHROMIUM_PATH=/path/to/chrome make test
MSG
exit 1
