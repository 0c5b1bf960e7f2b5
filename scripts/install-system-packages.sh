#!/usr/bin/env bash
# The system packages VidMuse Studio needs on Debian or Ubuntu, for the app and for its tests (run as root or
# with sudo): ffmpeg/ffprobe decode, probe and mux media; Chromium runs the browser tests; python3, make and g++
# let npm build better-sqlite3 from source when its prebuilt binary cannot be downloaded; git lists the tracked
# files for a test.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
. /etc/os-release
# Debian packages Chromium as `chromium`; Ubuntu as `chromium-browser` (a snap).
chromium=chromium
[ "${ID:-}" = ubuntu ] && chromium=chromium-browser

apt-get update
apt-get install -y --no-install-recommends ffmpeg "$chromium" python3 make g++ ca-certificates git
