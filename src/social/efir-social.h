/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The social layer: which platform a link points to, the clean-up of what
 * producers paste, and the share texts with the length each platform
 * counts. Pure functions on model objects: no GTK, no network, no files.
 */

#include "efir-link-cleanup.h"
#include "efir-post-length.h"
#include "efir-share-text.h"
#include "efir-social-platform.h"
