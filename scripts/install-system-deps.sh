#!/usr/bin/env bash
# Install the system packages the test suite drives for real, when missing:
#   pdflatex, bibtex (texlive-latex-base; plainnat/natbib ship with it),
#   biber + biblatex (for the biblatex output), lmodern (T1 fonts for accented names),
#   and Chromium (the page tests).
set -euo pipefail
need=()
command -v pdflatex >/dev/null 2>&1 || need+=(texlive-latex-base)
command -v bibtex >/dev/null 2>&1 || need+=(texlive-latex-base)
kpsewhich biblatex.sty >/dev/null 2>&1 || need+=(texlive-bibtex-extra)
# T1 Latin Modern (for \k and other T1-only accents in the .bib tests)
kpsewhich lmodern.sty >/dev/null 2>&1 || need+=(lmodern)
command -v biber >/dev/null 2>&1 || need+=(biber)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing system packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
  $(printf '%s\n' "${need[@]}" | sort -u) >/dev/null
