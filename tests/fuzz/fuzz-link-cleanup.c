/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-link-cleanup"

/*
 * libFuzzer harness for the clean-up of pasted links. Whatever bytes come
 * in, efir_link_clean() must not crash, and what it gives back must be a
 * web address that a second clean-up leaves as it is, with nothing left to
 * remove. Build and run it from the top of the source tree (clang):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I_build -Isrc/model -Isrc/social \
 *     $(pkg-config --cflags glib-2.0 gio-2.0 icu-uc) tests/fuzz/fuzz-link-cleanup.c \
 *     src/social/efir-*.c src/model/efir-*.c \
 *     $(pkg-config --libs glib-2.0 gio-2.0 icu-uc) -o _build/fuzz-link-cleanup &&
 *   _build/fuzz-link-cleanup -dict=tests/fuzz/social.dict tests/fuzz/social/
 *
 * (after "meson setup _build", for config.h). New inputs that find a
 * crash belong in tests/fuzz/social/, which test-social-fuzz-corpus
 * replays in the normal test suite.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "efir-link-cleanup.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(EfirLinkCleanup) cleanup = efir_link_clean (text);
  g_autoptr(EfirLinkCleanup) again = NULL;
  g_auto(GStrv) pieces = efir_link_split (text);

  (void) efir_social_recognise (text);
  if (cleanup == NULL)
    return 0;

  g_assert_true (efir_link_is_web_address (cleanup->url));
  g_assert_true (g_utf8_validate (cleanup->url, -1, NULL));
  g_assert_cmpint (efir_social_recognise (cleanup->url), ==, cleanup->platform);
  g_free (efir_link_cleanup_describe (cleanup));

  again = efir_link_clean (cleanup->url);
  g_assert_nonnull (again);
  g_assert_cmpstr (again->url, ==, cleanup->url);
  g_assert_cmpint (again->platform, ==, cleanup->platform);
  g_assert_null (again->removed[0]);
  g_assert_null (again->unwrapped_from);

  return 0;
}
