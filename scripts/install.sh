#!/usr/bin/env bash
# Installs everything the application needs on a Debian/Ubuntu machine:
# system packages (Pango, HarfBuzz subsetting, CJK fonts, gettext; with --test also
# PostgreSQL, Chromium, poppler and LibreOffice Writer), the Fandol fonts, and the Python packages into .venv.
# Safe to run again: every step is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

packages=(
  python3 python3-venv python3-dev
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig
  fonts-noto-cjk fonts-lxgw-wenkai gettext
)
if [ "$want_test" = 1 ]; then
  # LibreOffice lays out the DOCX in the layout tests (22 lines x 28 characters as Word
  # would show them) and is the yardstick of bench/render.py.
  packages+=(postgresql chromium poppler-utils libreoffice-writer-nogui)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> 安装系统软件包: ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# FandolFang/Kai/Hei (the free 仿宋/楷体/黑体 stand-ins) ship only inside texlive-lang-chinese;
# take the OTF files out of the package instead of installing TeX.
fandol_dir=/usr/local/share/fonts/fandol
if [ ! -f "$fandol_dir/FandolFang-Regular.otf" ]; then
  echo "==> 安装 Fandol 字体"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download texlive-lang-chinese >/dev/null 2>&1 || { $SUDO apt-get update -qq && apt-get download texlive-lang-chinese >/dev/null; })
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  $SUDO mkdir -p "$fandol_dir"
  find "$tmp/x" -name 'Fandol*.otf' -exec $SUDO cp {} "$fandol_dir/" \;
  rm -rf "$tmp"
  $SUDO fc-cache -f >/dev/null
fi

# The interpreter: $PYTHON if given, else the distribution's python3 when it is 3.11 (Debian
# builds it with profile-guided and link-time optimisation: PDF rendering, pure Python in
# WeasyPrint's layout, runs about 12 % faster than on a plain source build such as pyenv's),
# else whatever python3 is first on PATH.
python=${PYTHON:-}
if [ -z "$python" ]; then
  python=python3
  if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    python=/usr/bin/python3
  fi
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 .venv"
  "$python" -m venv .venv
fi
echo "==> 安装 Python 软件包"
.venv/bin/python -m pip install -q --upgrade pip
# xstatic-bootstrap ships only as an sdist whose setup.py still imports pkg_resources:
# build it against a setuptools that has it.
if ! .venv/bin/python -c "import xstatic.pkg.bootstrap" 2>/dev/null; then
  .venv/bin/python -m pip install -q "setuptools<81" wheel
  .venv/bin/python -m pip install -q --no-build-isolation "xstatic-bootstrap>=5.3,<5.4"
fi
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e .
fi
.venv/bin/python manage.py compilemessages -v 0 --ignore '.venv'
