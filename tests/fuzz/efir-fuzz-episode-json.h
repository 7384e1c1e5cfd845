/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the fuzzer and the suite's replay of its corpus run on one input:
 * the episode-file reader must never crash, and a file it accepts must
 * write back to text that reads as the same episode and writes the same
 * text again. A broken promise aborts, which both report. */
void efir_fuzz_episode_json (const guint8 *data,
                             gsize         size);

G_END_DECLS
