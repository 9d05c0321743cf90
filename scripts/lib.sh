# Shared by scripts/demo and scripts/test: install what is missing, then build.
# Sourced, not run.

GRANTS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages the project needs to build, test and run its demo.
GRANTS_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost-dev libboost-date-time-dev
  libsoci-dev libsqlite3-dev sqlite3
  libfmt-dev doctest-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev
  libpugixml-dev libssl-dev libxlsxwriter-dev libcsv-dev
  libxml2-utils hledger time python3
)

grants_install_missing() {
  local missing=()
  local p
  for p in "${GRANTS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing Debian packages: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "error: packages are missing and this script is not running as root" >&2
      return 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# grants_build BUILD_DIR [cmake options...]
grants_build() {
  local dir=$1; shift
  cmake -S "$GRANTS_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}
