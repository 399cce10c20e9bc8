#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing.
#   site: a CJK font for boards.   test: also Chromium, zbar (QR decoding), poppler, Java.
set -euo pipefail
want=()
has_cjk_font() { fc-list ':lang=zh-cn' file 2>/dev/null | grep -qi 'cjk\|noto\|wqy\|droid'; }
command -v fc-list >/dev/null 2>&1 && has_cjk_font || want+=(fonts-noto-cjk fontconfig)
if [ "${1:-site}" = test ]; then
  [ -x /usr/bin/chromium ] || want+=(chromium)
  command -v zbarimg >/dev/null 2>&1 || want+=(zbar-tools)
  command -v pdftoppm >/dev/null 2>&1 || want+=(poppler-utils)
  command -v java >/dev/null 2>&1 || want+=(default-jre-headless)
fi
[ ${#want[@]} -eq 0 ] && exit 0
echo "安装系统软件包: ${want[*]}"
if [ "$(id -u)" != 0 ]; then
  echo "需要 root 权限安装: apt-get install ${want[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
