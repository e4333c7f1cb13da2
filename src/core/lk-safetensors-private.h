/* lk-safetensors-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-safetensors.h"

G_BEGIN_DECLS

/* For lk-safetensors-metadata.c, which holds the typed views of the metadata. */
guint      _lk_safetensors_get_inferred_dim (LkSafetensors *self);
GPtrArray *_lk_safetensors_get_tags         (LkSafetensors *self);

G_END_DECLS
