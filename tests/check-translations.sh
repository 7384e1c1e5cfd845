#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with translatable text is in po/POTFILES.in, and every
# catalogue in po/LINGUAS is complete: no untranslated or fuzzy message.
set -u
top=$1
status=0

cd "$top" || exit 1
for file in $(grep -rlE '(^|[^a-zA-Z_])(_|N_|C_|NC_)\(|ngettext|translatable="yes"' src ui data 2>/dev/null | sort); do
  case "$file" in
    *.h) continue ;;
  esac
  if ! grep -qxF "$file" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $file"
    status=1
  fi
done

for lang in $(cat po/LINGUAS); do
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "po/$lang.po" 2>&1)
  echo "po/$lang.po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*|*error*|*warning*) status=1 ;;
  esac
done
exit $status
