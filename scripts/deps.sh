# shellcheck shell=bash
# scripts/deps.sh -- the Debian packages chiso needs, and an installer for the missing ones.
# Sourced by scripts/test.sh and scripts/demo.sh; usage: source scripts/deps.sh; chiso_ensure_deps
#
# Why each one: docs/building.md.

CHISO_DEB_PACKAGES=(
  g++ cmake ninja-build pkg-config
  libeigen3-dev      # chiso::core: column-major bulk maths, NaN = missing
  libyaml-cpp-dev    # spec files (YAML, and JSON as a YAML subset) with line/column marks
  libfast-float-dev  # CSV numbers parsed at memory speed, correctly rounded (src/csv/)
  libglpk-dev        # linear programmes: benefit-of-the-doubt weights and scores
  libzip-dev libexpat1-dev  # Excel workbooks in (src/xlsx_read/): zip container, XML
  libxlsxwriter-dev  # Excel workbooks out (--format xlsx, Result.to_excel; src/xlsx.cpp)
  libboost-dev       # Boost.Random for robustness analysis (later)
  libtbb-dev         # parallel replications (later)
  libgtest-dev libgmock-dev
  libbenchmark-dev
  python3 python3-numpy python3-pandas python3-pytest
  python3-openpyxl   # tests: an independent writer (Excel in) and reader (Excel out) of workbooks
  python3-dev                    # Python.h for the module (pybind11-dev does not pull it in)
  pybind11-dev python3-pybind11  # Python module (python/)
  clang-format
)

# Prints the packages of CHISO_DEB_PACKAGES that are not installed, one per line.
chiso_missing_deps() {
  local pkg status
  for pkg in "${CHISO_DEB_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Installs missing packages when running as root; otherwise names them and returns 1.
chiso_ensure_deps() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "chiso: dpkg-query not found: this installer is for Debian/Ubuntu." >&2
    echo "chiso: install these packages (or equivalents) yourself: ${CHISO_DEB_PACKAGES[*]}" >&2
    return 1
  fi
  local missing=()
  mapfile -t missing < <(chiso_missing_deps)
  if ((${#missing[@]} == 0)); then
    echo "chiso: all ${#CHISO_DEB_PACKAGES[@]} Debian packages are installed"
    return 0
  fi
  local cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "chiso: missing Debian packages: ${missing[*]}" >&2
    echo "chiso: install them as root, then re-run:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive $cmd" >&2
    return 1
  fi
  echo "chiso: installing missing Debian packages: ${missing[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}
