/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define EFIR_TYPE_SEGMENT (efir_segment_get_type ())

G_DECLARE_FINAL_TYPE (EfirSegment, efir_segment, EFIR, SEGMENT, GObject)

EfirSegment *efir_segment_new         (double       start,
                                       double       end,
                                       const char  *speaker,
                                       const char  *text);
EfirSegment *efir_segment_copy        (EfirSegment *self);
gboolean     efir_segment_equal       (EfirSegment *a,
                                       EfirSegment *b);

double       efir_segment_get_start   (EfirSegment *self);
void         efir_segment_set_start   (EfirSegment *self,
                                       double       start);
double       efir_segment_get_end     (EfirSegment *self);
void         efir_segment_set_end     (EfirSegment *self,
                                       double       end);
const char  *efir_segment_get_speaker (EfirSegment *self);
void         efir_segment_set_speaker (EfirSegment *self,
                                       const char  *speaker);
const char  *efir_segment_get_text    (EfirSegment *self);
void         efir_segment_set_text    (EfirSegment *self,
                                       const char  *text);

G_END_DECLS
