#!/usr/bin/env bash
# Install the Debian packages the test suite drives for real, when missing.
# Every binary is checked with `command -v` and every LaTeX file the tests load
# with `kpsewhich`, each mapped to the Debian package that ships it:
#   binary/file        package                     used by
#   pdflatex, bibtex   texlive-latex-base          .bib compile tests (plain, plainnat)
#   lualatex           texlive-latex-base          biblatex --unicode compile test
#   natbib.sty, url.sty, plainnat.bst, t1enc.def
#                      texlive-latex-base          plainnat test, T1 fonts
#   iftex.sty          texlive-base                loaded by biblatex
#   lmodern.sty        lmodern                     T1 Latin Modern (\k and other T1 accents)
#   biblatex.sty, logreq.sty
#                      texlive-bibtex-extra        biblatex output
#   etoolbox.sty       texlive-latex-recommended   loaded by biblatex
#   biber              biber                       biblatex output
#   chromium           chromium                    the page tests (Playwright drives it)
#   npm                npm                         installs axe-core for them (tests/js/)
#   java, javac        default-jdk-headless        JGraphT reads the exports (tests/readers/)
#   jgrapht-io.jar     libjgrapht-java             (JGraphT's GraphML and GEXF importers)
#   pandoc             pandoc                      renders the BibTeX and CSL-JSON in APA/IEEE
#   geometry.sty, abbrvnat.bst
#                      texlive-latex-base          BibTeX corpus test (one wide page; abbrvnat)
#   acm.bst            texlive-base                BibTeX corpus test in the old ACM style
#   IEEEtran.bst, ACM-Reference-Format.bst
#                      texlive-publishers          BibTeX corpus test in IEEE and ACM styles
#   pdftotext          poppler-utils               reads the compiled bibliography's text
set -euo pipefail
need=()
bin() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
jar() { [ -f "/usr/share/java/$1" ] || need+=("$2"); }
sty() { { command -v kpsewhich >/dev/null 2>&1 && kpsewhich "$1" >/dev/null 2>&1; } || need+=("$2"); }
bin pdflatex texlive-latex-base
bin bibtex texlive-latex-base
bin lualatex texlive-latex-base
sty natbib.sty texlive-latex-base
sty url.sty texlive-latex-base
sty plainnat.bst texlive-latex-base
sty t1enc.def texlive-latex-base
sty iftex.sty texlive-base
sty lmodern.sty lmodern
sty biblatex.sty texlive-bibtex-extra
sty logreq.sty texlive-bibtex-extra
sty etoolbox.sty texlive-latex-recommended
bin biber biber
bin chromium chromium
bin npm npm
bin java default-jdk-headless
bin javac default-jdk-headless
jar jgrapht-core.jar libjgrapht-java
jar jgrapht-io.jar libjgrapht-java
bin pandoc pandoc
sty geometry.sty texlive-latex-base
sty abbrvnat.bst texlive-latex-base
sty acm.bst texlive-base
sty IEEEtran.bst texlive-publishers
sty ACM-Reference-Format.bst texlive-publishers
bin pdftotext poppler-utils
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
pkgs=$(printf '%s\n' "${need[@]}" | sort -u | tr '\n' ' ')
echo "installing system packages: ${pkgs}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $pkgs >/dev/null
