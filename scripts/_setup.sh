# Shared set-up for scripts/demo.sh and scripts/test.sh (sourced, POSIX sh).
# Installs what zidocs needs on a Debian/Ubuntu machine that has only python3:
# LibreOffice (DOCX → PDF), poppler-utils and qpdf (reading/checking PDFs),
# TeX Gyre Bonum (free metric twin of Bookman Old Style), hyphen-id (Indonesian
# hyphenation patterns: without them LibreOffice breaks a long word in a narrow
# table cell anywhere, without a hyphen), Chromium + chromedriver (web test),
# then a local venv.
set -eu
cd "$(dirname "$0")/.."

DEB_PACKAGES="libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils qpdf fonts-texgyre fonts-dejavu-core fonts-dejavu-extra hyphen-id"
# Dossier pages print file names and keterangan in any script: Arabic and Javanese (Noto), CJK (Droid
# Sans Fallback), Hangul (Nanum Myeongjo), monochrome emoji (Symbola); all TrueType, which reportlab embeds.
DEB_PACKAGES="$DEB_PACKAGES fonts-noto-core fonts-droid-fallback fonts-nanum fonts-symbola"

need_apt=""
command -v soffice >/dev/null 2>&1 || need_apt=1
command -v pdftotext >/dev/null 2>&1 || need_apt=1
command -v pdftoppm >/dev/null 2>&1 || need_apt=1
command -v qpdf >/dev/null 2>&1 || need_apt=1
[ -e /usr/share/texmf/fonts/opentype/public/tex-gyre/texgyrebonum-regular.otf ] || need_apt=1
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || need_apt=1  # dossier cover and index
[ -e /usr/share/hyphen/hyph_id_ID.dic ] || need_apt=1
[ -e /usr/share/fonts/truetype/noto/NotoSansJavanese-Regular.ttf ] || need_apt=1  # dossier: any script
[ -e /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || need_apt=1
[ -e /usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf ] || need_apt=1
[ -e /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || need_apt=1
python3 -m venv --help >/dev/null 2>&1 || { need_apt=1; DEB_PACKAGES="$DEB_PACKAGES python3-venv"; }
python3 -c 'import ensurepip' >/dev/null 2>&1 || { need_apt=1; DEB_PACKAGES="$DEB_PACKAGES python3-venv"; }

if [ -n "$need_apt" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "==> Memasang paket sistem: $DEB_PACKAGES"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $DEB_PACKAGES >/dev/null
fi

# The web service's real-browser test (tests/test_web_browser.py) drives Debian's own Chromium with
# Selenium; nothing downloads a browser. --no-install-recommends keeps out ~120 packages (avahi, cups…).
WEB_TEST_PACKAGES="chromium chromium-driver"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "==> Memasang peramban untuk uji web: $WEB_TEST_PACKAGES"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $WEB_TEST_PACKAGES >/dev/null
fi

# Warm LibreOffice for `zidocs serve` (unoserver): its server side imports `uno`, which only the
# system python3 has (Debian python3-uno), never a venv; so unoserver is installed for that python3
# too (pure Python, no dependencies; --break-system-packages: Debian 12 has no python3-unoserver).
UNOSERVER_REQ="unoserver>=3.7,<4"
if ! /usr/bin/python3 -c 'import uno, unoserver.server' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  if ! /usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || ! /usr/bin/python3 -m pip --version >/dev/null 2>&1; then
    echo "==> Memasang python3-uno untuk LibreOffice hangat"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-uno python3-pip >/dev/null
  fi
  echo "==> Memasang unoserver untuk python3 sistem"
  $SUDO /usr/bin/python3 -m pip install -q --break-system-packages "$UNOSERVER_REQ" 2>/dev/null \
    || $SUDO /usr/bin/python3 -m pip install -q "$UNOSERVER_REQ"
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> Membuat lingkungan Python di .venv"
  python3 -m venv .venv
fi
stamp=.venv/.zidocs-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> Memasang zidocs dan pustakanya"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
