#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every file with translatable text is in po/POTFILES.in, and every
# catalogue in po/LINGUAS is complete: no untranslated or fuzzy message.
set -u
top=$1
status=0

cd "$top" || exit 1
for file in $(grep -rlIE '(^|[^a-zA-Z_])(_|N_|C_|NC_)\(|ngettext|translatable="yes"' src ui data 2>/dev/null | sort); do
  case "$file" in
    *.h) continue ;;
  esac
  if ! grep -qxF "$file" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $file"
    status=1
  fi
done

# Every message the sources have now is in each catalogue: a string added
# without updating the catalogues would reach the producer in English.
# The keywords are those of the "glib" preset the build uses for the template.
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
xgettext --from-code=UTF-8 --files-from=po/POTFILES.in --directory="$top" --output="$pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format \
  --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format --flag=g_prefix_error:2:c-format \
  --flag=g_dpgettext2:3:pass-c-format 2>/dev/null || { echo "xgettext failed"; exit 1; }

for lang in $(cat po/LINGUAS); do
  if ! missing=$(msgcmp --use-untranslated "po/$lang.po" "$pot" 2>&1); then
    echo "po/$lang.po lacks messages the sources have:"
    echo "$missing" | head -20
    status=1
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "po/$lang.po" 2>&1)
  echo "po/$lang.po: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*|*error*|*warning*) status=1 ;;
  esac
done
exit $status
