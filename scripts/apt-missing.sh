# SPDX-License-Identifier: LGPL-2.1-or-later
# Sourced by the scripts that install Debian packages (install-deps.sh,
# install-cross-deps.sh, fuzz.sh, .ci/run):
#
#   install_missing TAG [APT-OPTION...] -- PACKAGE...
#
# installs, with apt-get and no recommends, those of the packages that are
# not installed yet, as root or through sudo; says "TAG: all N packages
# present" when there are none. APT-OPTIONs go to apt-get install (e.g.
# --no-remove).

install_missing() {
  local tag=$1 p sudo=""
  local options=() missing=()

  shift
  while [ "$1" != "--" ]; do
    options+=("$1")
    shift
  done
  shift
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "$tag: all $# packages present"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || {
      echo "$tag: need root or sudo to install: ${missing[*]}" >&2
      exit 1
    }
    sudo=sudo
  fi
  echo "$tag: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${options[@]}" \
    --no-install-recommends "${missing[@]}"
}
