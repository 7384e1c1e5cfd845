/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-episode-json"

#include "config.h"

#include <stdint.h>

#include "efir-fuzz-episode-json.h"

/* libFuzzer's entry point; see README.md for how to run it. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  efir_fuzz_episode_json (data, size);
  return 0;
}
