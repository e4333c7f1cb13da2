/* lk-training-set-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-training-set.h"

G_BEGIN_DECLS

struct _LkTrainingSet
{
  GObject     parent_instance;

  /* Owned */
  char       *character_name;
  char       *trigger_word;
  char       *class_word;
  char       *base_checkpoint;
  char       *output_name;
  char      **traits;
  GListStore *images;
  GPtrArray  *outfits;         /* char *, outfit triggers */
  GArray     *outfit_repeats;  /* guint, one per outfit */

  guint       repeats;
  guint       epochs;
  guint       network_dim;
  guint       network_alpha;
  guint       resolution;

  guint       sdxl : 1;
};

/* g_strv_builder_take() is GLib 2.80 */
static inline void
_lk_strv_builder_add_owned (GStrvBuilder *builder,
                            char         *value)
{
  g_strv_builder_add (builder, value);
  g_free (value);
}

/* A caption's tags: split at commas, trimmed, lower case, empty ones dropped. */
char   **_lk_training_split_tags             (const char       *caption);
/* The outfit index of @image, or -1 for the base concept. */
int      _lk_training_set_concept_of         (LkTrainingSet    *self,
                                              LkReferenceImage *image);
char    *_lk_training_set_dup_concept_name   (LkTrainingSet    *self,
                                              int               concept);
guint    _lk_training_set_get_concept_repeats (LkTrainingSet   *self,
                                               int              concept);

G_END_DECLS
