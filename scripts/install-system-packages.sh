#!/usr/bin/env bash
# The system packages VidMuse Studio needs on Debian or Ubuntu, for the app and for its tests (run as root or
# with sudo): ffmpeg/ffprobe decode, probe and mux media; Chromium runs the browser tests; python3, make and g++
# let npm build better-sqlite3 from source when its prebuilt binary cannot be downloaded; git lists the tracked
# files for a test; Mesa's Vulkan drivers give onnxruntime's WebGPU provider an adapter (lavapipe, a software
# device, where there is no GPU: the WebGPU tests run on it).
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
. /etc/os-release
# Debian packages Chromium as `chromium`; Ubuntu as `chromium-browser` (a snap).
chromium=chromium
[ "${ID:-}" = ubuntu ] && chromium=chromium-browser

# WebGPU (Dawn) refuses Debian bookworm's Mesa 22 ("No supported adapters"); bookworm-backports has Mesa 25.
# Elsewhere the distribution's own Mesa is used: Ubuntu 22.04 and later carry Mesa 23 or newer in their updates,
# usually new enough (measured only on Debian bookworm + backports).
if [ "${ID:-}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ]; then
  cat > /etc/apt/sources.list.d/bookworm-backports.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
fi

apt-get update
apt-get install -y --no-install-recommends ffmpeg "$chromium" python3 make g++ ca-certificates git
if [ "${ID:-}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ]; then
  apt-get install -y -t bookworm-backports mesa-vulkan-drivers
else
  apt-get install -y mesa-vulkan-drivers
fi
