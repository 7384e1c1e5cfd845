/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The model layer: plain GObjects for what a producer edits, without I/O.
 *
 * Text properties are never NULL when read: setting NULL or "" clears them,
 * and "" means "not set". String lists read as an empty list, never NULL.
 */

#include "efir-episode.h"
#include "efir-episode-guest.h"
#include "efir-episode-part.h"
#include "efir-episode-status.h"
#include "efir-person.h"
#include "efir-program.h"
#include "efir-quote.h"
#include "efir-segment.h"
#include "efir-social-link.h"
