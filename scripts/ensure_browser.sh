#!/bin/sh
# Make sure the browser tests have their browsers, from Debian's packages. They never download a
# browser of their own. TEST_ENGINES (default: "chromium webkit firefox") names the engines the
# tests run (tests/engines.py):
#   chromium: $CHROMIUM_PATH, or Debian's /usr/bin/chromium (package chromium);
#   webkit:   Debian's WebKitWebDriver and its MiniBrowser (webkit2gtk-driver), in Xvfb (xvfb);
#   firefox:  Debian's /usr/bin/firefox-esr (firefox-esr), driven by puppeteer-core from npm.
# What is missing is installed with apt-get when we can (as root); otherwise we say what to do.
ENGINES=${TEST_ENGINES:-chromium webkit firefox}
missing=""
for engine in $ENGINES; do
  case $engine in
    chromium)
      if [ -n "$CHROMIUM_PATH" ]; then
        [ -x "$CHROMIUM_PATH" ] || { echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2; exit 1; }
      else
        [ -x /usr/bin/chromium ] || missing="$missing chromium"
      fi ;;
    webkit)
      [ -x /usr/bin/WebKitWebDriver ] || missing="$missing webkit2gtk-driver"
      command -v Xvfb >/dev/null 2>&1 || missing="$missing xvfb" ;;
    firefox)
      [ -x /usr/bin/firefox-esr ] || missing="$missing firefox-esr" ;;
    *) echo "TEST_ENGINES: unknown engine '$engine' (chromium, webkit, firefox)" >&2; exit 1 ;;
  esac
done
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's$missing for the browser tests..."
  # shellcheck disable=SC2086
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null && exit 0
fi
cat >&2 <<MSG
The browser tests need these Debian packages, and they are missing:$missing
  - On Debian or Ubuntu: sudo apt-get install$missing
  - Or run the tests in fewer engines, e.g.: TEST_ENGINES=chromium make test
  - Or point the tests at a Chromium or Chrome you have: CHROMIUM_PATH=/path/to/chrome make test
MSG
exit 1
