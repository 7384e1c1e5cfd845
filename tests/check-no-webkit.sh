#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The efir program does not load WebKit when it starts: neither it nor any
# library it needs links WebKitGTK or JavaScriptCore. The preview module
# (second argument, when built) is where WebKit is, and only there.
set -u
efir=$1
module=${2:-}

if ! needed=$(ldd "$efir"); then
  echo "ldd failed on $efir"
  exit 1
fi
if echo "$needed" | grep -Ei 'webkit|javascriptcore'; then
  echo "$efir loads WebKit at start-up"
  exit 1
fi
echo "$efir: no WebKit among $(echo "$needed" | wc -l) libraries"

if [ -n "$module" ]; then
  if ! ldd "$module" | grep -q 'libwebkitgtk-6.0'; then
    echo "$module does not link WebKitGTK: is it the preview?"
    exit 1
  fi
  echo "$module: links WebKitGTK"
fi
